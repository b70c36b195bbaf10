/** Asks for a password-reset e-mail. */
import { useSignal } from "@preact/signals";
import { requestPasswordReset } from "./net/auth.ts";
import { ErrorAlert } from "./ui/ErrorAlert.tsx";
import { Field } from "./ui/Field.tsx";
import { field, useFormAction } from "./ui/form.ts";

/** Sends the reset request; the answer never tells whether the address has an account. */
export function ForgotPasswordForm() {
  const sent = useSignal(false);
  const form = useFormAction(async function submitResetRequest(data) {
    await requestPasswordReset(field(data, "email"));
    sent.value = true;
  });
  if (sent.value) {
    return (
      <p role="status" class="notice">
        If an account uses that address, a link to choose a new password is on its way. Check your
        inbox.
      </p>
    );
  }
  return (
    <form class="stack" method="post" onSubmit={form.onSubmit}>
      <Field
        id="forgot-email"
        name="email"
        type="email"
        label="Email"
        autocomplete="email"
        maxLength={254}
        required
      />
      <ErrorAlert error={form.error.value} />
      <button type="submit" class="primary" disabled={!form.ready.value || form.pending.value}>
        Send reset link
      </button>
    </form>
  );
}
