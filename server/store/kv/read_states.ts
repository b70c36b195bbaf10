import type { ReadStateRecord, ReadStateRepo } from "../read_states.ts";

const stateKey = (userId: string, channelId: string) => ["read_state", userId, channelId];
const mentionKey = (userId: string, channelId: string) => ["read_mentions", userId, channelId];
/** Users per atomic operation when counting mentions: well under KV's mutation limit. */
const BATCH = 200;

/**
 * Read states in Deno KV. The mention count sits in its own `KvU64` key so
 * that a message mentioning many users adds to each count with atomic sums,
 * without read-modify-write conflicts against acks.
 */
export function kvReadStates(kv: Deno.Kv): ReadStateRepo {
  function merge(
    userId: string,
    channelId: string,
    lastReadId: string | null,
    count: Deno.KvU64 | null,
  ): ReadStateRecord {
    return { userId, channelId, lastReadId, mentionCount: Number(count?.value ?? 0n) };
  }

  return {
    async get(userId, channelId) {
      const [state, count] = await kv.getMany<[{ lastReadId: string | null }, Deno.KvU64]>([
        stateKey(userId, channelId),
        mentionKey(userId, channelId),
      ]);
      if (!state.value && !count.value) return null;
      return merge(userId, channelId, state.value?.lastReadId ?? null, count.value);
    },

    async list(userId) {
      const states = new Map<string, string | null>();
      const counts = new Map<string, Deno.KvU64>();
      for await (
        const e of kv.list<{ lastReadId: string | null }>({ prefix: ["read_state", userId] })
      ) {
        states.set(e.key[2] as string, e.value.lastReadId);
      }
      for await (const e of kv.list<Deno.KvU64>({ prefix: ["read_mentions", userId] })) {
        counts.set(e.key[2] as string, e.value);
      }
      const channels = [...new Set([...states.keys(), ...counts.keys()])].sort();
      return channels.map((c) => merge(userId, c, states.get(c) ?? null, counts.get(c) ?? null));
    },

    async set(state) {
      const count = BigInt(Math.max(0, Math.trunc(state.mentionCount)));
      await kv.atomic()
        .set(stateKey(state.userId, state.channelId), { lastReadId: state.lastReadId })
        .set(mentionKey(state.userId, state.channelId), new Deno.KvU64(count))
        .commit();
    },

    async incrementMentions(channelId, userIds) {
      const unique = [...new Set(userIds)];
      for (let i = 0; i < unique.length; i += BATCH) {
        const op = kv.atomic();
        for (const userId of unique.slice(i, i + BATCH)) {
          op.sum(mentionKey(userId, channelId), 1n);
        }
        await op.commit();
      }
    },
  };
}
