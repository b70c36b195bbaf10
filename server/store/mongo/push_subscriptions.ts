import type { Collection, Db } from "mongodb";
import type { PushSubscriptionRecord, PushSubscriptionRepo } from "../push_subscriptions.ts";
import { str } from "./util.ts";

/** A subscription in the `push_subscriptions` collection; `_id` is the endpoint hash. */
interface PushSubscriptionDoc extends Omit<PushSubscriptionRecord, "id"> {
  _id: string;
}

function toDoc(s: PushSubscriptionRecord): PushSubscriptionDoc {
  return {
    _id: str(s.id, "id"),
    userId: str(s.userId, "userId"),
    endpoint: str(s.endpoint, "endpoint"),
    p256dh: str(s.p256dh, "p256dh"),
    auth: str(s.auth, "auth"),
    device: s.device === null ? null : str(s.device, "device"),
    createdAt: str(s.createdAt, "createdAt"),
    tags: s.tags.map((t) => str(t, "tag")),
  };
}

function toRecord(doc: PushSubscriptionDoc): PushSubscriptionRecord {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest, tags: [...rest.tags] };
}

/**
 * Push subscriptions in the MongoDB `push_subscriptions` collection, one
 * document per endpoint (so re-subscribing moves it to the new owner in one
 * replace), indexed by user. Creates its index before it resolves.
 */
export async function mongoPushSubscriptions(db: Db): Promise<PushSubscriptionRepo> {
  const subs: Collection<PushSubscriptionDoc> = db.collection<PushSubscriptionDoc>(
    "push_subscriptions",
  );
  await subs.createIndexes([{ key: { userId: 1, createdAt: 1 }, name: "user_created" }]);

  return {
    async put(sub) {
      const doc = toDoc(sub);
      await subs.replaceOne({ _id: doc._id }, doc, { upsert: true });
    },

    async get(id) {
      const doc = await subs.findOne({ _id: str(id, "id") });
      return doc ? toRecord(doc) : null;
    },

    async listByUser(userId) {
      const docs = await subs.find({ userId: str(userId, "userId") }).sort({ createdAt: 1 })
        .toArray();
      return docs.map(toRecord);
    },

    async delete(id) {
      const result = await subs.deleteOne({ _id: str(id, "id") });
      return result.deletedCount > 0;
    },

    async setTags(id, tags) {
      await subs.updateOne(
        { _id: str(id, "id") },
        { $set: { tags: tags.map((t) => str(t, "tag")) } },
      );
    },
  };
}
