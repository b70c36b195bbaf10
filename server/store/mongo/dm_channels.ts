import type { Collection, Db } from "mongodb";
import type { ChannelRecord, ChannelRepo } from "../channels.ts";
import { duplicateKeyFields, str } from "./util.ts";

/**
 * A DM channel in the shared `channels` collection: the record with `id` as
 * `_id`, plus `pairKey` ("a:b" of the sorted recipients) for the unique index.
 */
interface DmDoc extends Omit<ChannelRecord, "id"> {
  _id: string;
  pairKey: string;
}

/** The two ids in ascending order, so either user finds the same DM. */
function sortedPair(userA: string, userB: string): [string, string] {
  const a = str(userA, "userA");
  const b = str(userB, "userB");
  return a < b ? [a, b] : [b, a];
}

function toDoc(channel: ChannelRecord, pairKey: string): DmDoc {
  return {
    _id: str(channel.id, "id"),
    type: "dm",
    guildId: null,
    name: channel.name,
    topic: channel.topic,
    position: channel.position,
    recipientIds: channel.recipientIds,
    lastMessageId: channel.lastMessageId,
    createdAt: channel.createdAt,
    pairKey,
  };
}

function toRecord(doc: DmDoc): ChannelRecord {
  return {
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
}

/**
 * DM channels in the MongoDB `channels` collection (shared with guild
 * channels). A unique partial index on `pairKey` makes concurrent
 * `getOrCreateDm` calls for one pair store exactly one DM; the loser of the
 * race reads the winner's. Creates its indexes before it resolves.
 */
export async function mongoDmChannels(
  db: Db,
): Promise<Pick<ChannelRepo, "getOrCreateDm" | "listDms">> {
  const channels: Collection<DmDoc> = db.collection<DmDoc>("channels");
  await channels.createIndexes([
    {
      key: { pairKey: 1 },
      name: "dm_pair_unique",
      unique: true,
      partialFilterExpression: { type: "dm" },
    },
    { key: { recipientIds: 1, _id: 1 }, name: "dm_recipients" },
  ]);

  async function findPair(pairKey: string): Promise<ChannelRecord | null> {
    const doc = await channels.findOne({ type: "dm", pairKey });
    return doc ? toRecord(doc) : null;
  }

  return {
    async getOrCreateDm(userA, userB, make) {
      const [a, b] = sortedPair(userA, userB);
      const pairKey = `${a}:${b}`;
      const existing = await findPair(pairKey);
      if (existing) return existing;
      const channel: ChannelRecord = { ...make(), recipientIds: [a, b] };
      try {
        await channels.insertOne(toDoc(channel, pairKey));
        return channel;
      } catch (error) {
        if (!duplicateKeyFields(error)) throw error;
        const winner = await findPair(pairKey);
        if (!winner) throw error;
        return winner;
      }
    },

    async listDms(userId) {
      const docs = await channels.find({ type: "dm", recipientIds: str(userId, "userId") })
        .sort({ _id: 1 })
        .toArray();
      return docs.map(toRecord);
    },
  };
}
