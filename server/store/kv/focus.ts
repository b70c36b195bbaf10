import type { FocusRepo } from "../focus.ts";

const focusKey = (userId: string, holder: string) => ["focus", userId, holder];

/**
 * Focus marks in Deno KV at `["focus", userId, holder]`. The stored expiry
 * decides; `expireIn` only lets KV drop stale marks eventually.
 */
export function kvFocus(kv: Deno.Kv): FocusRepo {
  return {
    async set(userId, holder, expiresAt) {
      const ms = Math.max(1000, Date.parse(expiresAt) - Date.now());
      await kv.set(focusKey(userId, holder), expiresAt, { expireIn: ms + 60_000 });
    },

    async clear(userId, holder) {
      await kv.delete(focusKey(userId, holder));
    },

    async anyFocused(userId, now) {
      for await (const e of kv.list<string>({ prefix: ["focus", userId] })) {
        if (e.value > now) return true;
      }
      return false;
    },
  };
}
