/**
 * The access token: kept in memory (a signal) and mirrored to
 * `sessionStorage` so a reload in the same tab skips a refresh round trip.
 * The refresh token never reaches script: it is an HttpOnly cookie.
 */
import { signal } from "@preact/signals";

const STORAGE_KEY = "chat.accessToken";

/** The current access token, or null when logged out or not yet known. */
export const accessToken = signal<string | null>(null);

/** The access token from memory, else from this tab's `sessionStorage`. */
export function loadAccessToken(): string | null {
  if (accessToken.peek() === null) accessToken.value = readStorage();
  return accessToken.peek();
}

/** Replaces (or, with null, forgets) the access token in memory and storage. */
export function saveAccessToken(token: string | null): void {
  accessToken.value = token;
  try {
    if (token) sessionStorage.setItem(STORAGE_KEY, token);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy modes); memory alone still works.
  }
}

function readStorage(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
