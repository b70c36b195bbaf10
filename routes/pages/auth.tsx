/** The pages before the app: log in, register, forgot and reset a password. */
import { ForgotPasswordForm } from "../../islands/ForgotPasswordForm.tsx";
import { LoginForm } from "../../islands/LoginForm.tsx";
import { RegisterForm } from "../../islands/RegisterForm.tsx";
import { ResetPasswordForm } from "../../islands/ResetPasswordForm.tsx";
import type { Assets } from "./assets.ts";
import { AuthLayout, Island, renderPage } from "./document.tsx";

/** `/login`. */
export function loginPage(assets: Assets): string {
  return renderPage({
    title: "Log in",
    assets,
    body: (
      <AuthLayout title="Welcome back">
        <Island component={LoginForm} props={{}} />
        <p class="aside">
          <a href="/forgot-password">Forgot your password?</a>
        </p>
        <p class="aside">
          New here? <a href="/register">Create an account</a>
        </p>
      </AuthLayout>
    ),
  });
}

/** `/register`. */
export function registerPage(assets: Assets): string {
  return renderPage({
    title: "Create an account",
    assets,
    body: (
      <AuthLayout title="Create an account">
        <Island component={RegisterForm} props={{}} />
        <p class="aside">
          Already have an account? <a href="/login">Log in</a>
        </p>
      </AuthLayout>
    ),
  });
}

/** `/forgot-password`: asks for a reset e-mail. */
export function forgotPasswordPage(assets: Assets): string {
  return renderPage({
    title: "Forgot your password?",
    assets,
    body: (
      <AuthLayout title="Forgot your password?">
        <p>
          Enter the e-mail address of your account and we will send you a link to choose a new
          password.
        </p>
        <Island component={ForgotPasswordForm} props={{}} />
        <p class="aside">
          Remembered it? <a href="/login">Log in</a>
        </p>
      </AuthLayout>
    ),
  });
}

/** `/reset-password?token=…`: the page a reset e-mail links to. */
export function resetPasswordPage(assets: Assets, token: string): string {
  return renderPage({
    title: "Choose a new password",
    assets,
    body: (
      <AuthLayout title="Choose a new password">
        <Island component={ResetPasswordForm} props={{ token }} />
      </AuthLayout>
    ),
  });
}
