/** The sign-up form: creates the account, logs in, then on to the app. */
import type { Locale } from "../server/wire/types.ts";
import { signUp } from "./state/session.ts";
import { ErrorAlert } from "./ui/ErrorAlert.tsx";
import { Field } from "./ui/Field.tsx";
import { field, useFormAction } from "./ui/form.ts";

/** Registers and goes to `/app`; server errors (e.g. a taken username) show in the alert. */
export function RegisterForm() {
  const form = useFormAction(async function submitRegistration(data) {
    const displayName = field(data, "displayName");
    await signUp({
      username: field(data, "username"),
      email: field(data, "email"),
      password: field(data, "password", false),
      ...(displayName ? { displayName } : {}),
      locale: browserLocale(),
    });
    location.assign("/app");
  });
  return (
    <form class="stack" method="post" onSubmit={form.onSubmit}>
      <Field
        id="register-username"
        name="username"
        label="Username"
        hint="2–32 characters: letters, digits, _ and ."
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
        pattern="[A-Za-z0-9_.]{2,32}"
        minLength={2}
        maxLength={32}
        required
      />
      <Field
        id="register-email"
        name="email"
        type="email"
        label="Email"
        autocomplete="email"
        maxLength={254}
        required
      />
      <Field
        id="register-password"
        name="password"
        type="password"
        label="Password"
        hint="At least 8 characters."
        autocomplete="new-password"
        minLength={8}
        maxLength={128}
        required
      />
      <Field
        id="register-display-name"
        name="displayName"
        label="Display name (optional)"
        hint="How others see you; your username if left empty."
        autocomplete="nickname"
        maxLength={32}
      />
      <ErrorAlert error={form.error.value} />
      <button type="submit" class="primary" disabled={!form.ready.value || form.pending.value}>
        Create account
      </button>
    </form>
  );
}

/** The product's locale closest to the browser's language. */
function browserLocale(): Locale {
  return navigator.language.toLowerCase().startsWith("ru") ? "ru" : "en";
}
