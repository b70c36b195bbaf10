/**
 * The outbox: messages written but not yet accepted by the server, in
 * IndexedDB so they survive reloads and can be sent by the service worker
 * (Background Sync) when no tab is open. Uses only IndexedDB, Web Locks and
 * timers — no DOM — so the service worker can import it.
 *
 * Exactly once: each entry keeps its original nonce (the server returns the
 * first message again for a repeated nonce), and one flush at a time runs
 * per origin (the `chat.outbox` Web Lock spans tabs and the worker).
 */
import type { Message } from "../../server/wire/types.ts";
import { getDb, type OutboxEntry } from "./schema.ts";

export type { OutboxEntry };

/** The Web Lock held while flushing. */
export const OUTBOX_LOCK = "chat.outbox";
/** The Background Sync tag the service worker answers by flushing. */
export const OUTBOX_SYNC_TAG = "outbox";
/** Posted by the service worker to every open page after its flush sent something. */
export const OUTBOX_FLUSHED = "outbox-flushed";

/** What pages receive after the worker flushed. */
export interface OutboxFlushedMessage {
  type: typeof OUTBOX_FLUSHED;
  sent: number;
  /** The messages the server accepted, in send order: pages show them without waiting for the gateway. */
  messages: Message[];
  failed: number;
  remaining: number;
}

/** Sends one entry (with its nonce) and resolves to the server's message; throws on failure. */
export type OutboxSender = (entry: OutboxEntry) => Promise<Message>;

/** How a flush ended. */
export interface FlushResult {
  /** Entries the server accepted, each with its message, in send order. */
  sent: { entry: OutboxEntry; message: Message }[];
  /** Entries refused for good in this flush. */
  failed: OutboxEntry[];
  /** Entries still pending. */
  remaining: number;
  /** Why the flush stopped early, if it did: retry later. */
  stopped: "network" | "server" | "auth" | null;
}

/** Options of {@link flushOutbox}. */
export interface FlushOptions {
  /** Send only this user's entries (others wait for their author). */
  userId?: string;
  /** Told about every change, e.g. to update the page's state. */
  onChange?: (entry: OutboxEntry, message?: Message) => void;
  /** Longest wait for a 429's `Retry-After` before giving up this flush (ms). */
  maxRetryWaitMs?: number;
}

/** How an error from the sender is handled: a thrown `ApiError` (or anything with `status`). */
export type SendFailure = "network" | "server" | "auth" | "rate_limited" | "permanent";

/** Classifies a send failure: retry later, wait, or give up on this entry. */
export function classifySendError(error: unknown): SendFailure {
  const status = (error as { status?: unknown })?.status;
  if (typeof status !== "number" || status === 0) return "network";
  if (status === 401) return "auth";
  if (status === 429) return "rate_limited";
  if (status === 408 || status >= 500) return "server";
  return "permanent";
}

/** Every entry, oldest first. */
export async function listOutbox(): Promise<OutboxEntry[]> {
  const db = await getDb();
  return await db.getAllFromIndex("outbox", "byCreatedAt");
}

/** Queues a new entry (state "pending"). */
export async function addToOutbox(entry: OutboxEntry): Promise<void> {
  await (await getDb()).put("outbox", entry);
}

/** Changes an entry if it still exists; resolves to the new entry or null. */
export async function updateOutbox(
  nonce: string,
  change: Partial<Omit<OutboxEntry, "nonce">>,
): Promise<OutboxEntry | null> {
  const db = await getDb();
  const tx = db.transaction("outbox", "readwrite");
  const current = await tx.store.get(nonce);
  if (!current) {
    await tx.done;
    return null;
  }
  const next = { ...current, ...change };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Deletes an entry (the user discarded it). */
export async function removeFromOutbox(nonce: string): Promise<void> {
  await (await getDb()).delete("outbox", nonce);
}

/**
 * Sends every pending entry in `createdAt` order with its original nonce.
 * Accepted ones leave the outbox and their message enters the cache in the
 * same transaction; refused ones (4xx other than 401/429) become "failed"
 * and the rest continue; a network or server error stops the flush with
 * the entry still pending so the order holds. 429 waits `Retry-After`.
 * A 401 reaching here means refreshing the session already failed.
 */
export function flushOutbox(send: OutboxSender, options: FlushOptions = {}): Promise<FlushResult> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(OUTBOX_LOCK, () => flushLocked(send, options));
  // Without Web Locks, at least one flush at a time in this context.
  const run = localTail.then(() => flushLocked(send, options));
  localTail = run.catch(() => undefined);
  return run;
}

let localTail: Promise<unknown> = Promise.resolve();

async function flushLocked(send: OutboxSender, options: FlushOptions): Promise<FlushResult> {
  const result: FlushResult = { sent: [], failed: [], remaining: 0, stopped: null };
  const due = (await listOutbox()).filter((e) =>
    (e.state === "pending" || e.state === "sending") &&
    (options.userId === undefined || e.userId === null || e.userId === options.userId)
  );
  for (let i = 0; i < due.length; i++) {
    if (result.stopped) {
      result.remaining += due.length - i;
      break;
    }
    const entry = await claim(due[i].nonce);
    // Gone or changed meanwhile (discarded, or failed for good): not ours to send.
    if (!entry) continue;
    options.onChange?.(entry);
    await sendOne(entry, send, options, result);
  }
  return result;
}

async function sendOne(
  entry: OutboxEntry,
  send: OutboxSender,
  options: FlushOptions,
  result: FlushResult,
): Promise<void> {
  const maxWait = options.maxRetryWaitMs ?? 30_000;
  for (let tries = 0;; tries++) {
    try {
      const message = await send(entry);
      await markSent(entry, message);
      result.sent.push({ entry, message });
      options.onChange?.({ ...entry, state: "sent" }, message);
      return;
    } catch (error) {
      const failure = classifySendError(error);
      const wait = (error as { retryAfterMs?: number | null }).retryAfterMs ?? 1000;
      if (failure === "rate_limited" && tries < 3 && wait <= maxWait) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      const lastError = error instanceof Error ? error.message : String(error);
      const permanent = failure === "permanent";
      const next = await updateOutbox(entry.nonce, {
        state: permanent ? "failed" : "pending",
        attempt: entry.attempt + 1,
        lastError,
      });
      if (next) options.onChange?.(next);
      if (permanent) {
        if (next) result.failed.push(next);
      } else {
        result.stopped = failure === "rate_limited" ? "server" : failure;
        result.remaining++;
      }
      return;
    }
  }
}

/** Marks the entry "sending" if it is still due; null when it is not. */
async function claim(nonce: string): Promise<OutboxEntry | null> {
  const db = await getDb();
  const tx = db.transaction("outbox", "readwrite");
  const current = await tx.store.get(nonce);
  const due = current && (current.state === "pending" || current.state === "sending");
  const next = due ? { ...current, state: "sending" as const } : null;
  if (next) await tx.store.put(next);
  await tx.done;
  return next;
}

/** Removes the entry and caches its message, atomically. */
async function markSent(entry: OutboxEntry, message: Message): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(["outbox", "messages"], "readwrite");
  await tx.objectStore("outbox").delete(entry.nonce);
  await tx.objectStore("messages").put(message);
  await tx.done;
}
