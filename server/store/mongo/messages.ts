import type { Collection, Db, Filter } from "mongodb";
import { indexWords } from "../../messages/words.ts";
import type { HistoryQuery, MessageRecord, MessageRepo, SearchQuery } from "../messages.ts";
import { duplicateKeyFields, str } from "./util.ts";

/**
 * A message in the `messages` collection. Reactions are an array (emoji are
 * values, never field names), and `words` holds the search tokens.
 */
interface MessageDoc extends Omit<MessageRecord, "id" | "reactions"> {
  _id: string;
  reactions: { emoji: string; userIds: string[] }[];
  words: string[];
}

type Patch = Parameters<MessageRepo["update"]>[2];

/** `total` of a search counts no further, as the KV adapter. */
const COUNT_LIMIT = 10_000;

function toDoc(m: MessageRecord): MessageDoc {
  const { id, reactions, ...rest } = m;
  return {
    ...rest,
    _id: id,
    reactions: Object.entries(reactions).map(([emoji, userIds]) => ({ emoji, userIds })),
    words: m.guildId ? indexWords(m.content) : [],
  };
}

function toRecord(doc: MessageDoc): MessageRecord {
  return {
    id: doc._id,
    channelId: doc.channelId,
    guildId: doc.guildId,
    authorId: doc.authorId,
    content: doc.content,
    nonce: doc.nonce,
    replyToId: doc.replyToId,
    mentions: doc.mentions,
    mentionEveryone: doc.mentionEveryone,
    attachments: doc.attachments,
    reactions: Object.fromEntries(doc.reactions.map((r) => [r.emoji, r.userIds])),
    pinned: doc.pinned,
    editedAt: doc.editedAt,
    createdAt: doc.createdAt,
  };
}

/** The `$set` of a patch: only patchable fields, type-checked, with words kept in step. */
function toSet(patch: Patch, guildId: string | null): Partial<MessageDoc> {
  const set: Partial<MessageDoc> = {};
  if (patch.content !== undefined) {
    set.content = str(patch.content, "content");
    set.words = guildId ? indexWords(set.content) : [];
  }
  if (patch.mentions !== undefined) set.mentions = patch.mentions.map((u) => str(u, "mention"));
  if (patch.mentionEveryone !== undefined) set.mentionEveryone = patch.mentionEveryone === true;
  if (patch.editedAt !== undefined) {
    set.editedAt = patch.editedAt === null ? null : str(patch.editedAt, "editedAt");
  }
  if (patch.pinned !== undefined) set.pinned = patch.pinned === true;
  return set;
}

/**
 * Messages in the MongoDB `messages` collection: history by
 * `{channelId, _id}`, one message per author and nonce through a unique
 * index, and search over the `words` array (the same tokens as the KV
 * index, so both stores answer a query alike). A create raises the channel's
 * `lastMessageId`. Creates its indexes first.
 */
export async function mongoMessages(db: Db): Promise<MessageRepo> {
  const messages: Collection<MessageDoc> = db.collection<MessageDoc>("messages");
  /** The shared `channels` collection, whose `lastMessageId` a create raises. */
  const channels: Collection<{ _id: string; lastMessageId: string | null }> = db.collection(
    "channels",
  );
  await messages.createIndexes([
    { key: { channelId: 1, _id: -1 }, name: "channel_history" },
    { key: { authorId: 1, nonce: 1 }, name: "author_nonce_unique", unique: true },
    { key: { channelId: 1, pinned: 1, _id: -1 }, name: "channel_pins" },
    { key: { guildId: 1, words: 1, _id: -1 }, name: "guild_words" },
  ]);

  const one = (channelId: string, id: string): Filter<MessageDoc> => ({
    _id: str(id, "id"),
    channelId: str(channelId, "channelId"),
  });

  async function find(channelId: string, id: string): Promise<MessageRecord | null> {
    const doc = await messages.findOne(one(channelId, id));
    return doc ? toRecord(doc) : null;
  }

  return {
    async create(message) {
      try {
        await messages.insertOne(toDoc(message));
        // Ids increase, so `$max` keeps the newest even when sends land out of order.
        await channels.updateOne(
          { _id: str(message.channelId, "channelId") },
          { $max: { lastMessageId: str(message.id, "id") } },
        );
        return { created: true, message };
      } catch (error) {
        if (!duplicateKeyFields(error)) throw error;
        const existing = await messages.findOne({
          authorId: str(message.authorId, "authorId"),
          nonce: str(message.nonce, "nonce"),
        });
        if (!existing) throw error;
        return { created: false, message: toRecord(existing) };
      }
    },

    get: find,

    async list(channelId, query: HistoryQuery) {
      const limit = Math.max(0, Math.min(Math.trunc(query.limit), 1000));
      if (limit === 0) return [];
      const range: { $lt?: string; $gt?: string } = {};
      if (query.before !== undefined) range.$lt = str(query.before, "before");
      if (query.after !== undefined) range.$gt = str(query.after, "after");
      const filter: Filter<MessageDoc> = { channelId: str(channelId, "channelId") };
      if (range.$lt !== undefined || range.$gt !== undefined) filter._id = range;
      const oldestFirst = query.after !== undefined && query.before === undefined;
      const docs = await messages.find(filter).sort({ _id: oldestFirst ? 1 : -1 }).limit(limit)
        .toArray();
      const out = docs.map(toRecord);
      return oldestFirst ? out.reverse() : out;
    },

    async update(channelId, id, patch) {
      const current = await messages.findOne(one(channelId, id), { projection: { guildId: 1 } });
      if (!current) return null;
      const set = toSet(patch, current.guildId);
      if (Object.keys(set).length === 0) return await find(channelId, id);
      const doc = await messages.findOneAndUpdate(one(channelId, id), { $set: set }, {
        returnDocument: "after",
      });
      return doc ? toRecord(doc) : null;
    },

    async delete(channelId, id) {
      return (await messages.deleteOne(one(channelId, id))).deletedCount === 1;
    },

    async addReaction(channelId, id, emoji, userId) {
      const e = str(emoji, "emoji");
      const u = str(userId, "userId");
      for (;;) {
        const existing = await messages.updateOne(
          { ...one(channelId, id), "reactions.emoji": e },
          { $addToSet: { "reactions.$.userIds": u } },
        );
        if (existing.matchedCount === 1) return existing.modifiedCount === 1;
        const added = await messages.updateOne(
          { ...one(channelId, id), "reactions.emoji": { $ne: e } },
          { $push: { reactions: { emoji: e, userIds: [u] } } },
        );
        if (added.matchedCount === 1) return true;
        if (!(await messages.countDocuments(one(channelId, id), { limit: 1 }))) return null;
        // Someone added this emoji in between: add to theirs.
      }
    },

    async removeReaction(channelId, id, emoji, userId) {
      const e = str(emoji, "emoji");
      const u = str(userId, "userId");
      const removed = await messages.updateOne(
        { ...one(channelId, id), reactions: { $elemMatch: { emoji: e, userIds: u } } },
        { $pull: { "reactions.$.userIds": u } },
      );
      if (removed.modifiedCount === 1) {
        await messages.updateOne(one(channelId, id), {
          $pull: { reactions: { userIds: { $size: 0 } } },
        });
        return true;
      }
      return (await messages.countDocuments(one(channelId, id), { limit: 1 })) ? false : null;
    },

    async purgeChannel(channelId, max) {
      const limit = Math.max(0, Math.trunc(max));
      if (limit === 0) return 0;
      const ids = await messages.find({ channelId: str(channelId, "channelId") }, {
        projection: { _id: 1 },
      }).sort({ _id: 1 }).limit(limit).map((doc) => doc._id).toArray();
      if (ids.length === 0) return 0;
      // The words array, the nonce and the pin live in the document: they go with it.
      await messages.deleteMany({ channelId: str(channelId, "channelId"), _id: { $in: ids } });
      return ids.length;
    },

    async listPinned(channelId) {
      const docs = await messages.find({ channelId: str(channelId, "channelId"), pinned: true })
        .sort({ _id: -1 }).toArray();
      return docs.map(toRecord);
    },

    async search(q: SearchQuery) {
      const words = [...new Set(q.words.map((w) => str(w, "word")))];
      const limit = Math.trunc(q.limit);
      if (words.length === 0 || !(limit > 0)) return { total: 0, messages: [] };
      const filter: Filter<MessageDoc> = {
        guildId: str(q.guildId, "guildId"),
        words: { $all: words },
      };
      if (q.channelId !== undefined) filter.channelId = str(q.channelId, "channelId");
      else if (q.channelIds) {
        filter.channelId = { $in: q.channelIds.map((id) => str(id, "channelId")) };
      }
      if (q.authorId !== undefined) filter.authorId = str(q.authorId, "authorId");
      const [total, docs] = await Promise.all([
        messages.countDocuments(filter, { limit: COUNT_LIMIT }),
        messages.find(filter).sort({ _id: -1 }).limit(limit).toArray(),
      ]);
      return { total, messages: docs.map(toRecord) };
    },
  };
}
