/** The login form: username or e-mail plus password, then on to the app. */
import { logIn } from "./state/session.ts";
import { ErrorAlert } from "./ui/ErrorAlert.tsx";
import { Field } from "./ui/Field.tsx";
import { field, useFormAction } from "./ui/form.ts";

/** Logs in and goes to `/app`; server errors show in the form's alert. */
export function LoginForm() {
  const form = useFormAction(async function submitLogin(data) {
    await logIn(field(data, "login"), field(data, "password", false));
    location.assign("/app");
  });
  return (
    <form class="stack" method="post" onSubmit={form.onSubmit}>
      <Field
        id="login-name"
        name="login"
        label="Username or email"
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
        maxLength={254}
        required
      />
      <Field
        id="login-password"
        name="password"
        type="password"
        label="Password"
        autocomplete="current-password"
        maxLength={128}
        required
      />
      <ErrorAlert error={form.error.value} />
      <button type="submit" class="primary" disabled={!form.ready.value || form.pending.value}>
        Log in
      </button>
    </form>
  );
}
