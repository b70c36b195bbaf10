/**
 * The worker's side of the outbox: sends what pages queued while offline,
 * when Background Sync fires (possibly with no tab open). It sends through
 * the same code as the page (`islands/db/outbox.ts`, one flush at a time
 * across tabs and the worker), as the user whose refresh cookie the browser
 * holds — entries written by anyone else wait for their author's next visit.
 */
import type { PublicUser } from "../server/wire/types.ts";
import {
  flushOutbox,
  type FlushResult,
  OUTBOX_FLUSHED,
  type OutboxFlushedMessage,
} from "../islands/db/outbox.ts";
import { sendOutboxEntry } from "../islands/db/outbox_send.ts";
import { request } from "../islands/net/api.ts";
import type { ServiceWorkerScope } from "./types.ts";

/** The parts of the flush the worker depends on (real ones by default; tests pass their own). */
export interface WorkerOutboxDeps {
  /** The user the refresh cookie belongs to (refreshing the access token on the way). */
  currentUserId(): Promise<string>;
  flush(userId: string): Promise<FlushResult>;
}

const realDeps: WorkerOutboxDeps = {
  async currentUserId() {
    return (await request<PublicUser>("GET", "/users/@me")).id;
  },
  flush: (userId) => flushOutbox(sendOutboxEntry, { userId }),
};

/**
 * Sends every queued message of the logged-in user, tells open pages, and
 * rejects when the flush stopped early (network, server, session) so the
 * browser retries the sync later with its own backoff.
 */
export async function flushOutboxFromWorker(
  sw: Pick<ServiceWorkerScope, "clients">,
  deps: WorkerOutboxDeps = realDeps,
): Promise<FlushResult> {
  const result = await deps.flush(await deps.currentUserId());
  if (result.sent.length > 0 || result.failed.length > 0) {
    const message: OutboxFlushedMessage = {
      type: OUTBOX_FLUSHED,
      sent: result.sent.length,
      messages: result.sent.map((s) => s.message),
      failed: result.failed.length,
      remaining: result.remaining,
    };
    for (const client of await sw.clients.matchAll({ type: "window" })) client.postMessage(message);
  }
  if (result.stopped) {
    throw new Error(
      `Outbox flush stopped (${result.stopped}): ${result.remaining} message(s) still queued`,
    );
  }
  return result;
}
