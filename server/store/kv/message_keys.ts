/**
 * Where messages live in Deno KV and what a message writes besides
 * itself: its author's nonce, its pin marker, its guild's word postings
 * and its channel's `lastMessageId`.
 */
import { indexWords } from "../../messages/words.ts";
import type { ChannelRecord } from "../channels.ts";
import type { MessageRecord } from "../messages.ts";

export const byId = (channelId: string, id: string) => ["msg", channelId, id];
export const byNonce = (authorId: string, nonce: string) => ["msg_nonce", authorId, nonce];
export const pinKey = (channelId: string, id: string) => ["msg_pin", channelId, id];
/** The search index of guild messages: one key per word, valued with the channel id. */
export const wordKey = (guildId: string, word: string, id: string) => [
  "msg_word",
  guildId,
  word,
  id,
];
/** Sorts after every id, as the open end of a range. */
export const END = "\uffff";

/** A stored message, or the one its author's nonce already named. */
export interface Created {
  created: boolean;
  message: MessageRecord;
}

/** The words a message is indexed under: none outside guilds. */
export function wordsOf(message: MessageRecord): string[] {
  return message.guildId ? indexWords(message.content) : [];
}

/**
 * Adds a new message to `op`: checked absent by id and by its author's
 * nonce, written with its nonce and its word postings (`words`, when the
 * caller already has them).
 */
export function addNewMessage(
  op: Deno.AtomicOperation,
  message: MessageRecord,
  words = wordsOf(message),
): void {
  op.check({ key: byNonce(message.authorId, message.nonce), versionstamp: null })
    .check({ key: byId(message.channelId, message.id), versionstamp: null })
    .set(byId(message.channelId, message.id), message)
    .set(byNonce(message.authorId, message.nonce), {
      channelId: message.channelId,
      id: message.id,
    });
  reindex(op, null, message, words);
}

/**
 * Adds to `op` the index changes from `before` to `after` (null: absent):
 * the pin marker and, for guild messages, the words that appeared or went
 * (`afterWords`: the words of `after`, when already known).
 */
export function reindex(
  op: Deno.AtomicOperation,
  before: MessageRecord | null,
  after: MessageRecord | null,
  afterWords?: string[],
): void {
  const m = (after ?? before)!;
  if (before?.pinned && !after?.pinned) op.delete(pinKey(m.channelId, m.id));
  if (after?.pinned && !before?.pinned) op.set(pinKey(m.channelId, m.id), true);
  if (!m.guildId || before?.content === after?.content) return;
  const old = new Set(before ? indexWords(before.content) : []);
  const now = new Set(afterWords ?? (after ? indexWords(after.content) : []));
  for (const w of old) if (!now.has(w)) op.delete(wordKey(m.guildId, w, m.id));
  for (const w of now) if (!old.has(w)) op.set(wordKey(m.guildId, w, m.id), m.channelId);
}

/**
 * Adds to `op` raising the channel's `lastMessageId` to `id` when newer,
 * checked against the channel's versionstamp as read (a concurrent change
 * fails the commit). Returns the record written, or null when there is
 * nothing to raise (an unknown channel, or an id no newer).
 */
export function raiseLastMessage(
  op: Deno.AtomicOperation,
  channel: Deno.KvEntryMaybe<ChannelRecord>,
  id: string,
): ChannelRecord | null {
  const last = channel.value?.lastMessageId ?? null;
  if (!channel.value || (last !== null && last >= id)) return null;
  const raised = { ...channel.value, lastMessageId: id };
  op.check(channel).set(channel.key, raised);
  return raised;
}
