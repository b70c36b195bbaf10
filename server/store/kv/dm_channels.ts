import type { ChannelRecord, ChannelRepo } from "../channels.ts";

const channelKey = (id: string) => ["channels", id];
/** The DM of a pair of users; `a` < `b`. */
const pairKey = (a: string, b: string) => ["dm_by_pair", a, b];
const userDmKey = (userId: string, channelId: string) => ["dms_by_user", userId, channelId];

/** The two ids in ascending order, so either user finds the same DM. */
function sortedPair(userA: string, userB: string): [string, string] {
  return userA < userB ? [userA, userB] : [userB, userA];
}

/**
 * DM channels in Deno KV. The records share `["channels", id]` with guild
 * channels (so `channels.get` finds them); the pair index is created in the
 * same atomic as the record with a "must not exist" check, so concurrent
 * calls for one pair store exactly one DM.
 */
export function kvDmChannels(kv: Deno.Kv): Pick<ChannelRepo, "getOrCreateDm" | "listDms"> {
  return {
    async getOrCreateDm(userA, userB, make) {
      const [a, b] = sortedPair(userA, userB);
      for (;;) {
        const index = await kv.get<string>(pairKey(a, b));
        if (index.value) {
          const existing = (await kv.get<ChannelRecord>(channelKey(index.value))).value;
          if (existing) return existing;
        }
        // No DM yet (or its record is gone): store a new one unless someone beat us to it.
        const channel: ChannelRecord = { ...make(), recipientIds: [a, b] };
        const result = await kv.atomic()
          .check(index)
          .check({ key: channelKey(channel.id), versionstamp: null })
          .set(channelKey(channel.id), channel)
          .set(pairKey(a, b), channel.id)
          .set(userDmKey(a, channel.id), true)
          .set(userDmKey(b, channel.id), true)
          .commit();
        if (result.ok) return channel;
      }
    },

    async listDms(userId) {
      const ids: string[] = [];
      for await (const entry of kv.list({ prefix: ["dms_by_user", userId] })) {
        ids.push(String(entry.key[2]));
      }
      const out: ChannelRecord[] = [];
      for (let i = 0; i < ids.length; i += 10) {
        const entries = await kv.getMany<ChannelRecord[]>(ids.slice(i, i + 10).map(channelKey));
        for (const e of entries) if (e.value) out.push(e.value);
      }
      return out;
    },
  };
}
