import type { BanRecord, MemberRecord, MemberRepo } from "../members.ts";

/** A membership: `["members", guildId, userId]` → MemberRecord. */
export const memberKey = (guildId: string, userId: string): Deno.KvKey => [
  "members",
  guildId,
  userId,
];
/** Index of a user's guilds: `["user_guilds", userId, guildId]` → true. */
export const userGuildKey = (userId: string, guildId: string): Deno.KvKey => [
  "user_guilds",
  userId,
  guildId,
];
/** A guild's member count as a `Deno.KvU64`, kept by `sum` in each membership write. */
export const memberCountKey = (guildId: string): Deno.KvKey => ["member_count", guildId];
/** A ban: `["bans", guildId, userId]` → BanRecord. */
export const banKey = (guildId: string, userId: string): Deno.KvKey => ["bans", guildId, userId];

const PLUS_ONE = new Deno.KvU64(1n);
/** `sum` wraps around at 2^64, so adding 2^64-1 subtracts one. */
const MINUS_ONE = new Deno.KvU64(0xffffffffffffffffn);

/**
 * Memberships and bans in Deno KV. Every membership write also updates the
 * user's guild index and the guild's member count in the same atomic.
 */
export function kvMembers(kv: Deno.Kv): MemberRepo {
  async function listValues<T>(prefix: Deno.KvKey): Promise<T[]> {
    const out: T[] = [];
    for await (const e of kv.list<T>({ prefix })) out.push(e.value);
    return out;
  }

  return {
    async add(member) {
      // The ban check closes the race between a join and a concurrent ban.
      const result = await kv.atomic()
        .check({ key: memberKey(member.guildId, member.userId), versionstamp: null })
        .check({ key: banKey(member.guildId, member.userId), versionstamp: null })
        .set(memberKey(member.guildId, member.userId), member)
        .set(userGuildKey(member.userId, member.guildId), true)
        .sum(memberCountKey(member.guildId), PLUS_ONE.value)
        .commit();
      return result.ok;
    },

    async get(guildId, userId) {
      return (await kv.get<MemberRecord>(memberKey(guildId, userId))).value;
    },

    async list(guildId, after, limit) {
      const max = Math.trunc(limit);
      if (!(max > 0)) return [];
      const prefix = ["members", guildId];
      const selector = after === null ? { prefix } : { prefix, start: memberKey(guildId, after) };
      const out: MemberRecord[] = [];
      for await (const e of kv.list<MemberRecord>(selector, { limit: max + 1 })) {
        if (e.value.userId !== after) out.push(e.value);
      }
      return out.slice(0, max);
    },

    async listUserIds(guildId) {
      const ids: string[] = [];
      for await (const e of kv.list({ prefix: ["members", guildId] })) ids.push(String(e.key[2]));
      return ids;
    },

    async listGuildIdsOfUser(userId) {
      const ids: string[] = [];
      for await (const e of kv.list({ prefix: ["user_guilds", userId] })) {
        ids.push(String(e.key[2]));
      }
      return ids;
    },

    async count(guildId) {
      const value = (await kv.get<Deno.KvU64>(memberCountKey(guildId))).value;
      return value ? Number(value.value) : 0;
    },

    async update(guildId, userId, patch) {
      for (;;) {
        const current = await kv.get<MemberRecord>(memberKey(guildId, userId));
        if (!current.value) return null;
        const defined = Object.entries(patch).filter(([, v]) => v !== undefined);
        const next: MemberRecord = { ...current.value, ...Object.fromEntries(defined) };
        const result = await kv.atomic().check(current).set(current.key, next).commit();
        if (result.ok) return next;
      }
    },

    async remove(guildId, userId) {
      for (;;) {
        const current = await kv.get<MemberRecord>(memberKey(guildId, userId));
        if (!current.value) return false;
        const result = await kv.atomic().check(current)
          .delete(current.key)
          .delete(userGuildKey(userId, guildId))
          .sum(memberCountKey(guildId), MINUS_ONE.value)
          .commit();
        if (result.ok) return true;
      }
    },

    async ban(ban) {
      for (;;) {
        const current = await kv.get<MemberRecord>(memberKey(ban.guildId, ban.userId));
        let op = kv.atomic().check(current).set(banKey(ban.guildId, ban.userId), ban);
        if (current.value) {
          op = op.delete(current.key)
            .delete(userGuildKey(ban.userId, ban.guildId))
            .sum(memberCountKey(ban.guildId), MINUS_ONE.value);
        }
        if ((await op.commit()).ok) return;
      }
    },

    async unban(guildId, userId) {
      for (;;) {
        const current = await kv.get<BanRecord>(banKey(guildId, userId));
        if (!current.value) return false;
        if ((await kv.atomic().check(current).delete(current.key).commit()).ok) return true;
      }
    },

    async getBan(guildId, userId) {
      return (await kv.get<BanRecord>(banKey(guildId, userId))).value;
    },

    listBans: (guildId) => listValues<BanRecord>(["bans", guildId]),
  };
}
