import type { Collection, Db } from "mongodb";
import type { ReadStateRecord, ReadStateRepo } from "../read_states.ts";
import { str } from "./util.ts";

/** A read state in the `read_states` collection, one per user and channel. */
interface ReadStateDoc extends ReadStateRecord {
  _id: string;
}

const docId = (userId: string, channelId: string) =>
  `${str(userId, "userId")}:${str(channelId, "channelId")}`;

function toRecord(doc: ReadStateDoc): ReadStateRecord {
  return {
    userId: doc.userId,
    channelId: doc.channelId,
    lastReadId: doc.lastReadId,
    mentionCount: doc.mentionCount,
  };
}

/**
 * Read states in the MongoDB `read_states` collection, keyed by
 * `userId:channelId`; mention counts grow with `$inc` upserts so concurrent
 * mentions never lose a count. Creates its index first.
 */
export async function mongoReadStates(db: Db): Promise<ReadStateRepo> {
  const states: Collection<ReadStateDoc> = db.collection<ReadStateDoc>("read_states");
  await states.createIndexes([{ key: { userId: 1, channelId: 1 }, name: "user_channel" }]);

  return {
    async get(userId, channelId) {
      const doc = await states.findOne({ _id: docId(userId, channelId) });
      return doc ? toRecord(doc) : null;
    },

    async list(userId) {
      const docs = await states.find({ userId: str(userId, "userId") }).sort({ channelId: 1 })
        .toArray();
      return docs.map(toRecord);
    },

    async set(state) {
      const doc: ReadStateDoc = {
        _id: docId(state.userId, state.channelId),
        userId: state.userId,
        channelId: state.channelId,
        lastReadId: state.lastReadId === null ? null : str(state.lastReadId, "lastReadId"),
        mentionCount: Math.max(0, Math.trunc(Number(state.mentionCount)) || 0),
      };
      await states.replaceOne({ _id: doc._id }, doc, { upsert: true });
    },

    async incrementMentions(channelId, userIds) {
      const unique = [...new Set(userIds.map((u) => str(u, "userId")))];
      if (unique.length === 0) return;
      const c = str(channelId, "channelId");
      await states.bulkWrite(
        unique.map((userId) => ({
          updateOne: {
            filter: { _id: docId(userId, c) },
            update: {
              $inc: { mentionCount: 1 },
              $setOnInsert: { userId, channelId: c, lastReadId: null },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },
  };
}
