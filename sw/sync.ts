/**
 * Background Sync: a page that queues a message while offline registers the
 * `outbox` sync; the browser fires it here once the network is back, even
 * when no tab is open, and the worker sends the queued messages itself.
 */
import type { SyncEvent } from "./types.ts";

/** The sync tag pages register after queueing a message (`registration.sync.register`). */
export const OUTBOX_SYNC_TAG = "outbox";

/** Sends everything queued; rejects when the browser should retry the sync later. */
export type FlushOutbox = () => Promise<unknown>;

/** Handles `sync` events: the `outbox` tag flushes the outbox, others are ignored. */
export function handleSync(event: SyncEvent, flush: FlushOutbox): void {
  if (event.tag !== OUTBOX_SYNC_TAG) return;
  event.waitUntil(flush());
}
