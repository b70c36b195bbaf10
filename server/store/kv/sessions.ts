import type { RefreshTokenRecord, SessionFamilyRecord, SessionRepo } from "../sessions.ts";

const familyKey = (id: string) => ["session_families", id];
const tokenKey = (hash: string) => ["refresh_tokens", hash];
const userFamilyKey = (userId: string, id: string) => ["session_families_by_user", userId, id];

/** Milliseconds until an ISO time, at least one minute (KV's expireIn). */
function ttl(iso: string): number {
  return Math.max(60_000, Date.parse(iso) - Date.now());
}

/** Session families and refresh tokens in Deno KV. */
export function kvSessions(kv: Deno.Kv): SessionRepo {
  async function revoke(id: string, now: string): Promise<void> {
    for (;;) {
      const entry = await kv.get<SessionFamilyRecord>(familyKey(id));
      if (!entry.value || entry.value.revokedAt) return;
      const next = { ...entry.value, revokedAt: now };
      if ((await kv.atomic().check(entry).set(familyKey(id), next).commit()).ok) return;
    }
  }

  return {
    async create(family, token) {
      await kv.atomic()
        .set(familyKey(family.id), family)
        .set(userFamilyKey(family.userId, family.id), true)
        .set(tokenKey(token.hash), token, { expireIn: ttl(token.expiresAt) })
        .commit();
    },

    async getFamily(id) {
      return (await kv.get<SessionFamilyRecord>(familyKey(id))).value;
    },

    async rotate(oldHash, next, now) {
      for (;;) {
        const token = await kv.get<RefreshTokenRecord>(tokenKey(oldHash));
        if (!token.value) return { kind: "missing" };
        const family = await kv.get<SessionFamilyRecord>(familyKey(token.value.familyId));
        if (!family.value || family.value.revokedAt) return { kind: "revoked" };
        if (token.value.rotatedAt) return { kind: "reused", family: family.value };
        if (token.value.expiresAt <= now) return { kind: "expired" };
        const successor: RefreshTokenRecord = {
          ...next,
          familyId: token.value.familyId,
          userId: token.value.userId,
        };
        const result = await kv.atomic()
          .check(token)
          .check(family)
          .set(tokenKey(oldHash), { ...token.value, rotatedAt: now }, {
            expireIn: ttl(token.value.expiresAt),
          })
          .set(tokenKey(next.hash), successor, { expireIn: ttl(next.expiresAt) })
          .commit();
        if (result.ok) return { kind: "rotated", family: family.value };
      }
    },

    async familyOfToken(hash) {
      const token = (await kv.get<RefreshTokenRecord>(tokenKey(hash))).value;
      return token ? (await kv.get<SessionFamilyRecord>(familyKey(token.familyId))).value : null;
    },

    revokeFamily: revoke,

    async revokeAllForUser(userId, now) {
      for await (const entry of kv.list({ prefix: ["session_families_by_user", userId] })) {
        await revoke(entry.key[2] as string, now);
      }
    },
  };
}
