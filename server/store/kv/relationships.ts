import type { RelationshipRecord, RelationshipRepo } from "../relationships.ts";

const pairKey = (userId: string, otherId: string) => ["relationships", userId, otherId];

/**
 * Relationships in Deno KV: one entry per side at
 * `["relationships", userId, otherId]`, so a user's list is one prefix scan.
 */
export function kvRelationships(kv: Deno.Kv): RelationshipRepo {
  return {
    async get(userId, otherId) {
      return (await kv.get<RelationshipRecord>(pairKey(userId, otherId))).value;
    },

    async list(userId) {
      const out: RelationshipRecord[] = [];
      for await (
        const entry of kv.list<RelationshipRecord>({ prefix: ["relationships", userId] })
      ) {
        out.push(entry.value);
      }
      return out;
    },

    async setPair(a, b, forward, backward) {
      // Both sides in one atomic, so no reader ever sees half a change.
      const op = kv.atomic();
      if (forward) op.set(pairKey(a, b), { ...forward, userId: a, otherId: b });
      else op.delete(pairKey(a, b));
      if (backward) op.set(pairKey(b, a), { ...backward, userId: b, otherId: a });
      else op.delete(pairKey(b, a));
      const result = await op.commit();
      if (!result.ok) throw new Error(`relationship write between ${a} and ${b} was not committed`);
    },
  };
}
