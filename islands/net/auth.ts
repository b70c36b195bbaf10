/**
 * The auth endpoints. Logging in or registering stores the access token;
 * the server sets the HttpOnly refresh cookie itself.
 */
import type { AuthResponse, Locale, User } from "../../server/wire/types.ts";
import { request } from "./api.ts";
import { saveAccessToken } from "./token.ts";

/** What the register form sends. */
export interface Registration {
  username: string;
  email: string;
  password: string;
  displayName?: string;
  locale?: Locale;
}

/** Logs in by username or e-mail and returns the user. */
export async function login(loginName: string, password: string): Promise<User> {
  const session = await request<AuthResponse>("POST", "/auth/login", {
    body: { login: loginName, password },
    auth: false,
  });
  saveAccessToken(session.accessToken);
  return session.user;
}

/** Creates an account, logs in and returns the user. */
export async function register(registration: Registration): Promise<User> {
  const session = await request<AuthResponse>("POST", "/auth/register", {
    body: registration,
    auth: false,
  });
  saveAccessToken(session.accessToken);
  return session.user;
}

/** Ends this session on the server (revoking the refresh cookie) and forgets the token. */
export async function logout(): Promise<void> {
  await request<void>("POST", "/auth/logout", { auth: false });
  saveAccessToken(null);
}

/** Asks for a reset e-mail; the server answers alike whether or not the address is known. */
export async function requestPasswordReset(email: string): Promise<void> {
  await request<void>("POST", "/auth/password-reset", { body: { email }, auth: false });
}

/** Sets a new password with the token from a reset e-mail. */
export async function confirmPasswordReset(token: string, password: string): Promise<void> {
  await request<void>("POST", "/auth/password-reset/confirm", {
    body: { token, password },
    auth: false,
  });
  saveAccessToken(null);
}
