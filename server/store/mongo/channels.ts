import type { Collection, Db } from "mongodb";
import type { ChannelOverwrite, ChannelRecord, ChannelRepo } from "../channels.ts";
import { AppError } from "../../errors.ts";
import { duplicateKeyFields, str } from "./util.ts";

/** A channel in the shared `channels` collection: the record with `id` as `_id`. */
interface ChannelDoc extends Omit<ChannelRecord, "id"> {
  _id: string;
}

type ChannelPatch = Partial<Pick<ChannelRecord, "name" | "topic" | "position">>;

function toDoc(channel: ChannelRecord): ChannelDoc {
  const doc: ChannelDoc = {
    _id: str(channel.id, "id"),
    type: channel.type,
    guildId: channel.guildId === null ? null : str(channel.guildId, "guildId"),
    name: channel.name,
    topic: channel.topic,
    position: channel.position,
    recipientIds: channel.recipientIds,
    lastMessageId: channel.lastMessageId,
    createdAt: channel.createdAt,
  };
  if (channel.overwrites) doc.overwrites = channel.overwrites.map(toOverwrite);
  return doc;
}

/** An overwrite with every field type-checked, so nothing else is ever stored. */
function toOverwrite(o: ChannelOverwrite): ChannelOverwrite {
  if (o.type !== "role" && o.type !== "member") throw new TypeError("type must be role or member");
  return {
    id: str(o.id, "id"),
    type: o.type,
    allow: str(o.allow, "allow"),
    deny: str(o.deny, "deny"),
  };
}

/** The record of a stored channel (DM documents carry extra fields, left out here). */
export function toChannelRecord(doc: ChannelDoc): ChannelRecord {
  const record: ChannelRecord = {
    id: doc._id,
    type: doc.type,
    guildId: doc.guildId,
    name: doc.name,
    topic: doc.topic,
    position: doc.position,
    recipientIds: doc.recipientIds,
    lastMessageId: doc.lastMessageId,
    createdAt: doc.createdAt,
  };
  if (doc.overwrites) record.overwrites = doc.overwrites;
  return record;
}

/** The `$set` document of a patch: only the patchable fields, type-checked. */
function toSet(patch: ChannelPatch): ChannelPatch {
  const set: ChannelPatch = {};
  if (patch.name !== undefined) set.name = str(patch.name, "name");
  if (patch.topic !== undefined) {
    set.topic = patch.topic === null ? null : str(patch.topic, "topic");
  }
  if (patch.position !== undefined) {
    if (!Number.isSafeInteger(patch.position)) throw new TypeError("position must be an integer");
    set.position = patch.position;
  }
  return set;
}

/**
 * Guild channels in the MongoDB `channels` collection, which DM channels
 * share (`dm_channels.ts`). Listed through a `{guildId, position, _id}`
 * index. Creates its indexes before it resolves.
 */
export async function mongoChannels(
  db: Db,
): Promise<Omit<ChannelRepo, "getOrCreateDm" | "listDms">> {
  const channels: Collection<ChannelDoc> = db.collection<ChannelDoc>("channels");
  await channels.createIndex({ guildId: 1, position: 1, _id: 1 }, { name: "guild_position" });

  async function get(id: string): Promise<ChannelRecord | null> {
    const doc = await channels.findOne({ _id: str(id, "id") });
    return doc ? toChannelRecord(doc) : null;
  }

  return {
    async create(channel) {
      try {
        await channels.insertOne(toDoc(channel));
      } catch (error) {
        if (!duplicateKeyFields(error)) throw error;
        throw new AppError("conflict", "Channel already exists", {
          detail: `a channel with id ${channel.id} is already stored`,
        });
      }
    },

    get,

    async listByGuild(guildId) {
      const docs = await channels.find({ guildId: str(guildId, "guildId") })
        .sort({ position: 1, _id: 1 })
        .toArray();
      return docs.map(toChannelRecord);
    },

    async update(id, patch) {
      const set = toSet(patch);
      if (Object.keys(set).length === 0) return await get(id);
      const doc = await channels.findOneAndUpdate({ _id: str(id, "id") }, { $set: set }, {
        returnDocument: "after",
      });
      return doc ? toChannelRecord(doc) : null;
    },

    async delete(id) {
      await channels.deleteOne({ _id: str(id, "id") });
    },

    async setOverwrite(id, overwrite) {
      const o = toOverwrite(overwrite);
      // One pipeline update (atomic per document): drop the target's overwrite, append the new one.
      const kept = {
        $filter: {
          input: { $ifNull: ["$overwrites", []] },
          cond: { $ne: ["$$this.id", { $literal: o.id }] },
        },
      };
      const doc = await channels.findOneAndUpdate(
        { _id: str(id, "id") },
        [{ $set: { overwrites: { $concatArrays: [kept, [{ $literal: o }]] } } }],
        { returnDocument: "after" },
      );
      return doc ? toChannelRecord(doc) : null;
    },

    async deleteOverwrite(id, targetId) {
      const doc = await channels.findOneAndUpdate(
        { _id: str(id, "id") },
        { $pull: { overwrites: { id: str(targetId, "targetId") } } },
        { returnDocument: "after" },
      );
      return doc ? toChannelRecord(doc) : null;
    },

    async bumpLastMessage(id, messageId) {
      const newest = str(messageId, "messageId");
      await channels.updateOne(
        { _id: str(id, "id"), $or: [{ lastMessageId: null }, { lastMessageId: { $lt: newest } }] },
        { $set: { lastMessageId: newest } },
      );
    },
  };
}
