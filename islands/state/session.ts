/**
 * Who is logged in. Components read {@link currentUser} and
 * {@link sessionError} and call these actions; only the actions do I/O.
 */
import { signal } from "@preact/signals";
import type { User } from "../../server/wire/types.ts";
import { ApiError } from "../net/api.ts";
import { login, logout, register, type Registration } from "../net/auth.ts";
import { getMe } from "../net/users.ts";

/** The logged-in user, once known. */
export const currentUser = signal<User | null>(null);

/** Why loading or ending the session failed, for display. */
export const sessionError = signal<Error | null>(null);

/** Logs in by username or e-mail. Throws {@link ApiError} on failure. */
export async function logIn(loginName: string, password: string): Promise<void> {
  currentUser.value = await login(loginName, password);
}

/** Creates an account and logs in. Throws {@link ApiError} on failure. */
export async function signUp(registration: Registration): Promise<void> {
  currentUser.value = await register(registration);
}

/** How {@link loadSession} ended. */
export type SessionLoad = "ready" | "anonymous" | "failed";

/**
 * Loads the logged-in user, refreshing the access token if there is none.
 * "anonymous" means there is no session (the caller sends the browser to
 * the login page); on "failed" the reason is in {@link sessionError}.
 */
export async function loadSession(): Promise<SessionLoad> {
  try {
    currentUser.value = await getMe();
    sessionError.value = null;
    return "ready";
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return "anonymous";
    sessionError.value = asError(error);
    return "failed";
  }
}

/** Logs out. Resolves to whether it worked; a failure lands in {@link sessionError}. */
export async function endSession(): Promise<boolean> {
  try {
    await logout();
    currentUser.value = null;
    sessionError.value = null;
    return true;
  } catch (error) {
    sessionError.value = asError(error);
    return false;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
