/**
 * Updates: a new worker installs in the background and waits; the page's
 * `Reload` (workbox-window's `messageSkipWaiting()`) posts `SKIP_WAITING`,
 * and only then does it take over, so a page never runs old scripts against
 * a new precache without the user's say-so.
 */
import type { ExtendableMessageEvent } from "./types.ts";

/** Whether a page's message asks the waiting worker to activate now. */
export function isSkipWaiting(data: unknown): boolean {
  return typeof data === "object" && data !== null &&
    (data as { type?: unknown }).type === "SKIP_WAITING";
}

/** Handles the worker's `message` events: `SKIP_WAITING` activates this (waiting) worker. */
export function handleMessage(event: ExtendableMessageEvent, skipWaiting: () => Promise<void>) {
  if (isSkipWaiting(event.data)) event.waitUntil(skipWaiting());
}
