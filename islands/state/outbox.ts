/**
 * Sending messages through the outbox: a message is written to IndexedDB
 * first (shown as `Sending…`), then sent; offline it waits and is flushed,
 * in order and exactly once, when the connection returns (or by the service
 * worker through Background Sync). Refused sends show `Failed to send`
 * with `Retry`.
 */
import { signal } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";
import type { Message } from "../../server/wire/types.ts";
import {
  addToOutbox,
  flushOutbox,
  listOutbox,
  OUTBOX_SYNC_TAG,
  type OutboxEntry,
  type OutboxFlushedMessage,
  removeFromOutbox,
  updateOutbox,
} from "../db/outbox.ts";
import { sendOutboxEntry } from "../db/outbox_send.ts";
import { backoffDelay } from "../net/backoff.ts";
import { meSig, withEntry, withoutEntry } from "./store.ts";
import type { PendingSend } from "./timeline.ts";

const outboxSig = signal<ReadonlyMap<string, PendingSend>>(new Map());

/** Unsent messages by nonce (every channel); channel views already include their own. */
export const outbox: ReadonlySignal<ReadonlyMap<string, PendingSend>> = outboxSig;
export { outboxSig };

/** Where accepted messages go (set by the lifecycle: the timelines). */
let deliver: (message: Message) => void = () => {};
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;
let flushing: Promise<void> | null = null;
let again = false;
/** Nonces kept in memory only because IndexedDB refused them. */
const memoryOnly = new Set<string>();

/** Sets where messages the server accepted are delivered (internal). */
export function onDelivered(handler: (message: Message) => void): void {
  deliver = handler;
}

/**
 * Sends a message to a channel. It appears at once as `Sending…` and is
 * sent now if possible, else when the connection returns. `/w <user> <text>`
 * is a whisper: the server answers with a DM message, which then leaves
 * this channel's list and lands in the DM.
 */
export async function sendMessage(
  channelId: string,
  content: string,
  replyToId?: string,
): Promise<void> {
  const text = content.trim();
  if (text === "") return;
  const entry: OutboxEntry = {
    nonce: newNonce(),
    channelId,
    content: text,
    replyToId: replyToId ?? null,
    createdAt: Date.now(),
    state: "pending",
    attempt: 0,
    lastError: null,
    userId: meSig.peek()?.id ?? null,
  };
  outboxSig.value = withEntry(outboxSig.peek(), entry.nonce, entry);
  try {
    await addToOutbox(entry);
  } catch {
    // No IndexedDB: the entry lives in memory only and is sent directly below.
    return void sendWithoutDb(entry);
  }
  if (globalThis.navigator?.onLine === false) return void registerSync();
  await flush();
}

/** Queues a failed message again and sends it. */
export async function retrySend(nonce: string): Promise<void> {
  const current = outboxSig.peek().get(nonce);
  if (!current) return;
  outboxSig.value = withEntry(outboxSig.peek(), nonce, { ...current, state: "pending" });
  try {
    await updateOutbox(nonce, { state: "pending", lastError: null });
  } catch {
    return void sendWithoutDb({ ...toEntry(current), state: "pending" });
  }
  await flush();
}

/** Drops an unsent message (e.g. a failed one the user gives up on). */
export async function discardSend(nonce: string): Promise<void> {
  memoryOnly.delete(nonce);
  outboxSig.value = withoutEntry(outboxSig.peek(), nonce);
  await removeFromOutbox(nonce).catch(() => {});
}

/** Loads the outbox from IndexedDB into {@link outbox} (start and after reconnects). */
export async function loadOutbox(): Promise<void> {
  const self = meSig.peek()?.id;
  const entries = await listOutbox().catch(() => [] as OutboxEntry[]);
  const next = new Map<string, PendingSend>();
  for (const entry of entries) {
    if (entry.userId && self && entry.userId !== self) continue;
    next.set(entry.nonce, entry);
  }
  // Items only in memory (IndexedDB unavailable) stay; others left IndexedDB because they were sent.
  for (const [nonce, item] of outboxSig.peek()) {
    if (memoryOnly.has(nonce) && !next.has(nonce)) next.set(nonce, item);
  }
  outboxSig.value = next;
}

/**
 * Sends what is pending, one flush at a time (a flush requested meanwhile
 * runs right after). Network or server trouble schedules a retry with
 * backoff and a Background Sync.
 */
export function flush(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      await flushOnce();
    } while (again);
  })().finally(() => (flushing = null));
  return flushing;
}

/**
 * The service worker flushed the outbox (Background Sync): shows the
 * messages it got accepted (this user's, well-formed) in their channels at
 * once — the gateway may be reconnecting still — and what is left unsent.
 */
export async function receiveWorkerFlush(note: Partial<OutboxFlushedMessage>): Promise<void> {
  const self = meSig.peek()?.id;
  // A worker from before this field posted counts only.
  for (const message of note.messages ?? []) {
    if (message.author.id !== self) continue;
    settleByNonce(message);
    deliver(message);
  }
  await loadOutbox();
}

/** A server message whose nonce matches an outbox item replaces it (gateway echo). */
export function settleByNonce(message: Message): void {
  if (!outboxSig.peek().has(message.nonce)) return;
  if (message.author.id !== meSig.peek()?.id) return;
  outboxSig.value = withoutEntry(outboxSig.peek(), message.nonce);
}

/** Forgets the in-memory outbox (logout). */
export function resetOutbox(): void {
  clearTimeout(retryTimer);
  outboxSig.value = new Map();
}

async function flushOnce(): Promise<void> {
  clearTimeout(retryTimer);
  let result;
  try {
    result = await flushOutbox(sendOutboxEntry, {
      userId: meSig.peek()?.id,
      onChange: applyChange,
    });
  } catch {
    return; // IndexedDB unavailable: sendWithoutDb handles memory-only items.
  }
  if (!result.stopped) {
    retries = 0;
    return;
  }
  if (result.stopped === "network") registerSync();
  if (result.stopped === "auth") return; // the session is gone: wait for a new login
  retryTimer = setTimeout(() => void flush(), backoffDelay(retries++));
}

function applyChange(entry: OutboxEntry, message?: Message): void {
  if (message) {
    memoryOnly.delete(entry.nonce);
    outboxSig.value = withoutEntry(outboxSig.peek(), entry.nonce);
    deliver(message);
    return;
  }
  if (outboxSig.peek().has(entry.nonce)) {
    outboxSig.value = withEntry(outboxSig.peek(), entry.nonce, entry);
  }
}

async function sendWithoutDb(entry: OutboxEntry): Promise<void> {
  memoryOnly.add(entry.nonce);
  try {
    const message = await sendOutboxEntry(entry);
    applyChange(entry, message);
  } catch (error) {
    const status = (error as { status?: number }).status;
    const failed = typeof status === "number" && status >= 400 && status < 500 && status !== 429;
    applyChange({
      ...entry,
      state: failed ? "failed" : "pending",
      lastError: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Asks the service worker to flush when the network is back, even with no tab open. */
function registerSync(): void {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return;
  container.getRegistration().then((registration) => {
    const sync = (registration as { sync?: { register(tag: string): Promise<void> } } | undefined)
      ?.sync;
    return sync?.register(OUTBOX_SYNC_TAG);
  }).catch(() => {
    // Background Sync unsupported or denied: the page flushes on reconnect.
  });
}

function toEntry(item: PendingSend): OutboxEntry {
  return { attempt: 0, userId: meSig.peek()?.id ?? null, ...item } as OutboxEntry;
}

/** A fresh nonce: unique per message, at most 64 characters. */
function newNonce(): string {
  return globalThis.crypto?.randomUUID?.() ??
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
