/** Turns stored messages into wire messages, from one viewer's point of view. */
import type { MessageRecord, Store } from "../store/port.ts";
import { toPublicUser } from "../users/views.ts";
import type { Message, PublicUser } from "../wire/types.ts";

/** Who a message by a since-deleted account shows as. */
function ghost(id: string): PublicUser {
  return { id, username: "deleted-user", displayName: "Deleted user", avatar: null };
}

/**
 * The wire message. `viewerId` decides each reaction's `me`; pass null for
 * event payloads, which all receivers share. `repliesById` holds the
 * messages replied to; a reply whose target is gone shows `replyTo: null`.
 * Fields with nothing to say are left out rather than sent as null/false
 * (`replyTo` on a message that replies to nothing, `editedAt` before an
 * edit, `mentionEveryone` unless true): every member of a channel receives
 * each message, so its frame is kept small.
 */
export function toMessage(
  m: MessageRecord,
  authorsById: ReadonlyMap<string, PublicUser>,
  viewerId: string | null,
  repliesById: ReadonlyMap<string, MessageRecord> = new Map(),
): Message {
  const author = (id: string) => authorsById.get(id) ?? ghost(id);
  const reply = m.replyToId ? repliesById.get(m.replyToId) : undefined;
  return {
    id: m.id,
    channelId: m.channelId,
    ...(m.guildId ? { guildId: m.guildId } : {}),
    author: author(m.authorId),
    content: m.content,
    nonce: m.nonce,
    ...(m.replyToId
      ? {
        replyTo: reply
          ? { id: reply.id, author: author(reply.authorId), content: reply.content }
          : null,
      }
      : {}),
    mentions: m.mentions,
    ...(m.mentionEveryone ? { mentionEveryone: true } : {}),
    reactions: Object.entries(m.reactions).map(([emoji, users]) => ({
      emoji,
      count: users.length,
      me: viewerId !== null && users.includes(viewerId),
    })),
    attachments: m.attachments,
    pinned: m.pinned,
    ...(m.editedAt ? { editedAt: m.editedAt } : {}),
    createdAt: m.createdAt,
  };
}

/**
 * Wire messages for `records`, loading their authors and the messages they
 * reply to (and those authors) in a few batched reads.
 */
export async function hydrate(
  store: Store,
  records: MessageRecord[],
  viewerId: string | null,
): Promise<Message[]> {
  const replyIds = new Map<string, string>(); // replied-to id → channel id
  for (const m of records) if (m.replyToId) replyIds.set(m.replyToId, m.channelId);
  const replies = new Map<string, MessageRecord>();
  await Promise.all([...replyIds].map(async ([id, channelId]) => {
    const target = await store.messages.get(channelId, id);
    if (target) replies.set(id, target);
  }));
  const authorIds = new Set([...records, ...replies.values()].map((m) => m.authorId));
  const users = await store.users.getMany([...authorIds]);
  const authors = new Map(users.map((u) => [u.id, toPublicUser(u)]));
  return records.map((m) => toMessage(m, authors, viewerId, replies));
}

/** One wire message; see {@link hydrate}. */
export async function hydrateOne(
  store: Store,
  record: MessageRecord,
  viewerId: string | null,
): Promise<Message> {
  return (await hydrate(store, [record], viewerId))[0];
}
