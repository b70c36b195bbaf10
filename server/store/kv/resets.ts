import type { ResetTokenRecord, ResetTokenRepo } from "../resets.ts";

const key = (hash: string) => ["password_resets", hash];

/** Password-reset tokens in Deno KV, consumed with a versionstamp check. */
export function kvResets(kv: Deno.Kv): ResetTokenRepo {
  return {
    async create(token) {
      await kv.set(key(token.hash), token, {
        expireIn: Math.max(60_000, Date.parse(token.expiresAt) - Date.now()),
      });
    },

    async consume(hash, now) {
      const entry = await kv.get<ResetTokenRecord>(key(hash));
      if (!entry.value) return null;
      const result = await kv.atomic().check(entry).delete(key(hash)).commit();
      if (!result.ok || entry.value.expiresAt <= now) return null;
      return entry.value;
    },
  };
}
