/** Chooses a new password with the token from a reset e-mail. */
import { useSignal } from "@preact/signals";
import { confirmPasswordReset } from "./net/auth.ts";
import { ErrorAlert } from "./ui/ErrorAlert.tsx";
import { Field } from "./ui/Field.tsx";
import { field, useFormAction } from "./ui/form.ts";

/** Props of {@link ResetPasswordForm}. */
export interface ResetPasswordProps {
  /** The token from the link's `?token=`; empty when the link was cut short. */
  token: string;
}

/** Sets the new password; every session is revoked, so the user logs in again. */
export function ResetPasswordForm({ token }: ResetPasswordProps) {
  const done = useSignal(false);
  const form = useFormAction(async function submitNewPassword(data) {
    await confirmPasswordReset(token, field(data, "password", false));
    done.value = true;
  });
  if (!token) {
    return (
      <p class="notice">
        This reset link is incomplete. <a href="/forgot-password">Ask for a new one</a>.
      </p>
    );
  }
  if (done.value) {
    return (
      <p role="status" class="notice">
        Your password was changed and you were logged out everywhere.{" "}
        <a href="/login">Log in with your new password</a>.
      </p>
    );
  }
  return (
    <form class="stack" method="post" onSubmit={form.onSubmit}>
      <Field
        id="reset-password"
        name="password"
        type="password"
        label="New password"
        hint="At least 8 characters."
        autocomplete="new-password"
        minLength={8}
        maxLength={128}
        required
      />
      <ErrorAlert error={form.error.value} />
      <button type="submit" class="primary" disabled={!form.ready.value || form.pending.value}>
        Set new password
      </button>
    </form>
  );
}
