/**
 * Who is logged in. Components read {@link currentUser} and
 * {@link sessionError} and call these actions; only the actions do I/O.
 */
import { signal } from "@preact/signals";
import type { User } from "../../server/wire/types.ts";
import { ApiError } from "../net/api.ts";
import { login, logout, register, type Registration } from "../net/auth.ts";
import { getMe } from "../net/users.ts";
import { DB_NAME, LAST_USER_KEY } from "../db/names.ts";

/** The logged-in user, once known. */
export const currentUser = signal<User | null>(null);

/** Why loading or ending the session failed, for display. */
export const sessionError = signal<Error | null>(null);

/** Logs in by username or e-mail. Throws {@link ApiError} on failure. */
export async function logIn(loginName: string, password: string): Promise<void> {
  currentUser.value = await login(loginName, password);
  rememberLastUser(currentUser.value);
}

/** Creates an account and logs in. Throws {@link ApiError} on failure. */
export async function signUp(registration: Registration): Promise<void> {
  currentUser.value = await register(registration);
  rememberLastUser(currentUser.value);
}

/** Whether {@link currentUser} came from this device's cache because the server was unreachable. */
export const sessionFromCache = signal(false);

/** How {@link loadSession} ended. */
export type SessionLoad = "ready" | "anonymous" | "failed";

/**
 * Loads the logged-in user, refreshing the access token if there is none.
 * "anonymous" means there is no session (the caller sends the browser to
 * the login page); on "failed" the reason is in {@link sessionError}.
 * Offline (the server unreachable) the last user of this device is used
 * and the answer is "ready" with {@link sessionFromCache} set, so the app
 * opens from its cache; it never logs out for being offline.
 */
export async function loadSession(): Promise<SessionLoad> {
  try {
    const user = await getMe();
    currentUser.value = user;
    sessionError.value = null;
    sessionFromCache.value = false;
    rememberLastUser(user);
    return "ready";
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberLastUser(null);
      return "anonymous";
    }
    const cached = error instanceof ApiError && error.status === 0 ? lastUser() : null;
    if (cached) {
      currentUser.value = cached;
      sessionFromCache.value = true;
      return "ready";
    }
    sessionError.value = asError(error);
    return "failed";
  }
}

/** The last user who loaded the app on this device, or null. */
export function lastUser(): User | null {
  try {
    const user = JSON.parse(localStorage.getItem(LAST_USER_KEY) ?? "null") as User | null;
    return typeof user?.id === "string" && typeof user.displayName === "string" ? user : null;
  } catch {
    return null;
  }
}

/** Remembers (or with null forgets) the user to open the app as when offline. */
export function rememberLastUser(user: User | null): void {
  try {
    if (user) localStorage.setItem(LAST_USER_KEY, JSON.stringify(user));
    else localStorage.removeItem(LAST_USER_KEY);
  } catch {
    // Storage disabled: offline starts need a network round trip then.
  }
}

/**
 * Logs out and forgets this device's cached chat data (messages, drafts,
 * unsent messages). Resolves to whether it worked; a failure lands in
 * {@link sessionError}.
 */
export async function endSession(): Promise<boolean> {
  try {
    await logout();
    currentUser.value = null;
    sessionError.value = null;
    rememberLastUser(null);
    forgetLocalData();
    return true;
  } catch (error) {
    sessionError.value = asError(error);
    return false;
  }
}

/** Deletes the offline cache; open connections close themselves when asked (`blocking`). */
function forgetLocalData(): void {
  try {
    globalThis.indexedDB?.deleteDatabase(DB_NAME);
  } catch {
    // No IndexedDB: nothing cached.
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
