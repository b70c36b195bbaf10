import type { Collection, Db } from "mongodb";
import type { ResetTokenRecord, ResetTokenRepo } from "../resets.ts";
import { str, ttlDate } from "./util.ts";

/**
 * A reset token as stored in `password_resets`: the record with `hash` as
 * `_id`, plus `expiresAtDate`, the `expiresAt` time as a `Date` for the TTL index.
 */
interface ResetDoc extends Omit<ResetTokenRecord, "hash"> {
  _id: string;
  expiresAtDate: Date;
}

/**
 * Password-reset tokens in the MongoDB `password_resets` collection, removed
 * by a TTL index once expired and consumed with `findOneAndDelete`. Creates
 * its index before it resolves.
 */
export async function mongoResets(db: Db): Promise<ResetTokenRepo> {
  const resets: Collection<ResetDoc> = db.collection<ResetDoc>("password_resets");
  await resets.createIndex({ expiresAtDate: 1 }, { name: "expiresAt_ttl", expireAfterSeconds: 0 });

  return {
    async create(token) {
      await resets.insertOne({
        _id: token.hash,
        userId: token.userId,
        expiresAt: token.expiresAt,
        expiresAtDate: ttlDate(token.expiresAt),
      });
    },

    async consume(hash, now) {
      const doc = await resets.findOneAndDelete({ _id: str(hash, "token hash") });
      if (!doc || doc.expiresAt <= str(now, "now")) return null;
      return { hash: doc._id, userId: doc.userId, expiresAt: doc.expiresAt };
    },
  };
}
