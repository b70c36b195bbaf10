import type { Collection, Db } from "mongodb";
import type { FocusRepo } from "../focus.ts";
import { str, ttlDate } from "./util.ts";

/** A focus mark in the `focus` collection; `_id` is `userId:holder`. */
interface FocusDoc {
  _id: string;
  userId: string;
  holder: string;
  expiresAt: Date;
}

const docId = (userId: string, holder: string) =>
  `${str(userId, "userId")}:${str(holder, "holder")}`;

/**
 * Focus marks in the MongoDB `focus` collection, indexed by user; a TTL
 * index removes expired marks (the query still checks the expiry, since
 * TTL removal runs only about once a minute).
 */
export async function mongoFocus(db: Db): Promise<FocusRepo> {
  const focus: Collection<FocusDoc> = db.collection<FocusDoc>("focus");
  await focus.createIndexes([
    { key: { userId: 1 }, name: "user" },
    { key: { expiresAt: 1 }, name: "expiry", expireAfterSeconds: 0 },
  ]);

  return {
    async set(userId, holder, expiresAt) {
      const doc: FocusDoc = {
        _id: docId(userId, holder),
        userId,
        holder,
        expiresAt: ttlDate(expiresAt),
      };
      await focus.replaceOne({ _id: doc._id }, doc, { upsert: true });
    },

    async clear(userId, holder) {
      await focus.deleteOne({ _id: docId(userId, holder) });
    },

    async anyFocused(userId, now) {
      const doc = await focus.findOne({
        userId: str(userId, "userId"),
        expiresAt: { $gt: ttlDate(now) },
      });
      return doc !== null;
    },
  };
}
