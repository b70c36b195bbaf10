/**
 * The default outbox sender: `POST /channels/:id/messages` with the entry's
 * original nonce, through the REST client (which refreshes the access token
 * on a 401 and retries once). Usable from the page and the service worker:
 * `flushOutbox(sendOutboxEntry)`.
 */
import type { Message } from "../../server/wire/types.ts";
import { postMessage } from "../net/messages.ts";
import type { OutboxEntry } from "./schema.ts";

/** Sends one outbox entry; throws `ApiError` (status 0 offline) on failure. */
export function sendOutboxEntry(entry: OutboxEntry): Promise<Message> {
  return postMessage(entry.channelId, {
    content: entry.content,
    nonce: entry.nonce,
    ...(entry.replyToId ? { replyToId: entry.replyToId } : {}),
  });
}
