import type { PushSubscriptionRecord, PushSubscriptionRepo } from "../push_subscriptions.ts";

const subKey = (id: string) => ["push_subs", id];
const userKey = (userId: string, id: string) => ["push_subs_by_user", userId, id];
/** Attempts of a read-check-write before giving up on a contended key. */
const RETRIES = 10;

/**
 * Push subscriptions in Deno KV: the record at `["push_subs", id]` and a
 * per-user index entry, written together in one atomic checked against the
 * record's versionstamp, so an endpoint moving between users never leaves
 * a stale index entry behind.
 */
export function kvPushSubscriptions(kv: Deno.Kv): PushSubscriptionRepo {
  /** Runs `write` against the current record until its atomic commits. */
  async function update(
    id: string,
    write: (current: Deno.KvEntryMaybe<PushSubscriptionRecord>, op: Deno.AtomicOperation) => void,
  ): Promise<PushSubscriptionRecord | null> {
    for (let i = 0; i < RETRIES; i++) {
      const current = await kv.get<PushSubscriptionRecord>(subKey(id));
      const op = kv.atomic().check(current);
      write(current, op);
      if ((await op.commit()).ok) return current.value;
    }
    throw new Error(`push subscription ${id} kept changing: write not committed`);
  }

  return {
    async put(sub) {
      await update(sub.id, (current, op) => {
        const old = current.value;
        if (old && old.userId !== sub.userId) op.delete(userKey(old.userId, sub.id));
        op.set(subKey(sub.id), sub).set(userKey(sub.userId, sub.id), true);
      });
    },

    async get(id) {
      return (await kv.get<PushSubscriptionRecord>(subKey(id))).value;
    },

    async listByUser(userId) {
      const ids: string[] = [];
      for await (const e of kv.list({ prefix: ["push_subs_by_user", userId] })) {
        ids.push(e.key[2] as string);
      }
      const out: PushSubscriptionRecord[] = [];
      // getMany takes at most 10 keys.
      for (let i = 0; i < ids.length; i += 10) {
        const entries = await kv.getMany<PushSubscriptionRecord[]>(
          ids.slice(i, i + 10).map(subKey),
        );
        for (const e of entries) if (e.value && e.value.userId === userId) out.push(e.value);
      }
      return out.sort((a, b) => a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
    },

    async delete(id) {
      const old = await update(id, (current, op) => {
        if (!current.value) return;
        op.delete(subKey(id)).delete(userKey(current.value.userId, id));
      });
      return old !== null;
    },

    async setTags(id, tags) {
      await update(id, (current, op) => {
        if (current.value) op.set(subKey(id), { ...current.value, tags: [...tags] });
      });
    },
  };
}
