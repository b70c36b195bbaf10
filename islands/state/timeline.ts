/**
 * Pure helpers over message lists: ordering, merging server pages into what
 * is cached, reactions, unread markers and outbox items shown as messages.
 * No I/O here, so they are unit-tested directly.
 */
import type { Message, PublicUser, Reaction } from "../../server/wire/types.ts";
import type { OutboxEntry } from "../db/schema.ts";

/** How far a message got: on the server, or still in the outbox. */
export type SendState = "sent" | "sending" | "failed";

/**
 * A message as the list shows it: a server message (no `state`: the same
 * object as cached, so lists keep identities), or an outbox item (`state`
 * "sending" / "failed", `id` = its nonce).
 */
export interface ChatMessage extends Message {
  state?: "sending" | "failed";
  /** Why the send failed, for `Failed to send` (state "failed" only). */
  error?: string;
}

/** The send state of a listed message. */
export function sendStateOf(message: ChatMessage): SendState {
  return message.state ?? "sent";
}

/** An outbox entry as the state layer sees it (see `islands/db/outbox.ts`). */
export type PendingSend = Pick<
  OutboxEntry,
  "nonce" | "channelId" | "content" | "replyToId" | "createdAt" | "state" | "lastError"
>;

/** Compares ids as the server orders them (time-sortable, fixed length). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether id `a` is newer than `b` (null is older than everything). */
export function isNewer(a: string | null, b: string | null): boolean {
  if (a === null) return false;
  return b === null || compareIds(a, b) > 0;
}

/**
 * Merges `incoming` (any order) into `existing` (oldest → newest): oldest →
 * newest, one per id, incoming wins. Appending newer or prepending older
 * messages — the usual cases — skips the full sort.
 */
export function mergeMessages(
  existing: readonly Message[],
  incoming: readonly Message[],
): Message[] {
  if (incoming.length === 0) return existing.slice();
  const sorted = incoming.slice().sort((a, b) => compareIds(a.id, b.id));
  const first = sorted[0].id;
  const last = sorted[sorted.length - 1].id;
  if (existing.length === 0 || compareIds(first, existing[existing.length - 1].id) > 0) {
    if (isStrictlyAscending(sorted)) return existing.concat(sorted);
  }
  if (compareIds(last, existing[0]?.id ?? "") < 0 && isStrictlyAscending(sorted)) {
    return sorted.concat(existing);
  }
  const byId = new Map<string, Message>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Merges a contiguous server page into `existing`, dropping the messages the
 * page proves deleted: those inside the id range the page covers but absent
 * from it. `page` holds every message with id in [oldest of page, `upTo`)
 * (`upTo` null = up to now); when `complete` (fewer than the limit came) it
 * also covers everything older.
 */
export function reconcilePage(
  existing: readonly Message[],
  page: readonly Message[],
  upTo: string | null,
  complete: boolean,
): { messages: Message[]; removed: string[] } {
  const ids = new Set(page.map((m) => m.id));
  const oldest = page.reduce<string | null>(
    (min, m) => (min === null || compareIds(m.id, min) < 0 ? m.id : min),
    null,
  );
  // `existing` is oldest → newest, so what the page covers is one run: [from, to).
  // Finding it by bisection keeps an older page cheap next to 10,000 loaded messages.
  const from = complete ? 0 : oldest === null ? existing.length : firstAtOrAfter(existing, oldest);
  const to = upTo === null ? existing.length : firstAtOrAfter(existing, upTo);
  if (from >= to) return { messages: mergeMessages(existing, page), removed: [] };
  const removed: string[] = [];
  const covered = existing.slice(from, to).filter((m) => {
    if (ids.has(m.id)) return true;
    removed.push(m.id);
    return false;
  });
  const kept = removed.length === 0
    ? existing
    : existing.slice(0, from).concat(covered, existing.slice(to));
  return { messages: mergeMessages(kept, page), removed };
}

/** The index of the first message whose id is not older than `id` (`messages` ascending). */
function firstAtOrAfter(messages: readonly Message[], id: string): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareIds(messages[mid].id, id) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function isStrictlyAscending(messages: readonly Message[]): boolean {
  for (let i = 1; i < messages.length; i++) {
    if (compareIds(messages[i - 1].id, messages[i].id) >= 0) return false;
  }
  return true;
}

/** The message after one user's reaction change; `mine` says whether it was the viewer. */
export function applyReaction(
  message: Message,
  emoji: string,
  add: boolean,
  mine: boolean,
): Message {
  const reactions: Reaction[] = [];
  let found = false;
  for (const r of message.reactions) {
    if (r.emoji !== emoji) {
      reactions.push(r);
      continue;
    }
    found = true;
    if (mine && r.me === add) return message; // already applied (our own optimistic echo)
    const count = r.count + (add ? 1 : -1);
    if (count > 0) reactions.push({ emoji, count, me: mine ? add : r.me });
  }
  if (!found && add) reactions.push({ emoji, count: 1, me: mine });
  if (!found && !add) return message;
  return { ...message, reactions };
}

/** Keeps the viewer's own `me` flags when a shared copy (all `me` false) replaces a message. */
export function keepOwnReactions(shared: Message, previous: Message | undefined): Message {
  if (!previous) return shared;
  const mine = new Set(previous.reactions.filter((r) => r.me).map((r) => r.emoji));
  if (mine.size === 0) return shared;
  return {
    ...shared,
    reactions: shared.reactions.map((r) => (mine.has(r.emoji) ? { ...r, me: true } : r)),
  };
}

/** The first message after the read marker not written by the viewer, or null. */
export function firstUnreadId(
  messages: readonly Message[],
  lastReadId: string | null,
  selfId: string | null,
): string | null {
  for (const m of messages) {
    if (isNewer(m.id, lastReadId) && m.author.id !== selfId) return m.id;
  }
  return null;
}

/** Whether a channel has unread messages: its newest message is past the read marker. */
export function isUnread(lastMessageId: string | null, lastReadId: string | null): boolean {
  return isNewer(lastMessageId, lastReadId);
}

/** An outbox item shown in the list as a message by the viewer (id = nonce). */
export function pendingAsMessage(item: PendingSend, author: PublicUser): ChatMessage {
  return {
    id: item.nonce,
    channelId: item.channelId,
    author,
    content: item.content,
    nonce: item.nonce,
    replyTo: null,
    mentions: [],
    mentionEveryone: false,
    reactions: [],
    attachments: [],
    pinned: false,
    editedAt: null,
    createdAt: new Date(item.createdAt).toISOString(),
    state: item.state === "failed" ? "failed" : "sending",
    ...(item.state === "failed" && item.lastError ? { error: item.lastError } : {}),
  };
}

/**
 * The list a channel shows: server messages oldest → newest, then its
 * unsent outbox items in the order they were written. An item whose nonce
 * already arrived from the server is not shown twice.
 */
export function withPending(
  messages: readonly Message[],
  pending: readonly PendingSend[],
  author: PublicUser,
): readonly ChatMessage[] {
  const due = pending.filter((p) => p.state !== "sent");
  if (due.length === 0) return messages;
  // A pending item's message, if it arrived, is among the newest: look there only.
  const recent = new Set(messages.slice(-200).map((m) => m.nonce));
  const waiting = due
    .filter((p) => !recent.has(p.nonce))
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((p) => pendingAsMessage(p, author));
  return waiting.length === 0 ? messages : [...messages, ...waiting];
}
