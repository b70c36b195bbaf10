import { AppError } from "../../errors.ts";
import { getAll } from "./channels.ts";
import type { InviteRecord, InviteRepo, InviteUse } from "../invites.ts";

/** An invite: `["invites", code]` → InviteRecord. */
export const inviteKey = (code: string): Deno.KvKey => ["invites", code];
/** Index of a guild's invites: `["guild_invites", guildId, code]` → true. */
export const guildInviteKey = (guildId: string, code: string): Deno.KvKey => [
  "guild_invites",
  guildId,
  code,
];

/** Why an invite cannot be used at `now`, or null when it can. */
export function inviteUnusable(invite: InviteRecord, now: string): "expired" | "exhausted" | null {
  if (invite.expiresAt !== null && Date.parse(invite.expiresAt) <= Date.parse(now)) {
    return "expired";
  }
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return "exhausted";
  return null;
}

/** Invite codes in Deno KV; uses are counted with a versionstamp check, so never over `maxUses`. */
export function kvInvites(kv: Deno.Kv): InviteRepo {
  return {
    async create(invite) {
      const result = await kv.atomic()
        .check({ key: inviteKey(invite.code), versionstamp: null })
        .set(inviteKey(invite.code), invite)
        .set(guildInviteKey(invite.guildId, invite.code), true)
        .commit();
      if (!result.ok) {
        throw new AppError("conflict", "Invite code is taken", {
          detail: `an invite with code ${invite.code} already exists`,
        });
      }
    },

    async get(code) {
      return (await kv.get<InviteRecord>(inviteKey(code))).value;
    },

    async use(code, now): Promise<InviteUse> {
      for (;;) {
        const current = await kv.get<InviteRecord>(inviteKey(code));
        if (!current.value) return { kind: "missing" };
        const why = inviteUnusable(current.value, now);
        if (why) return { kind: why };
        const invite = { ...current.value, uses: current.value.uses + 1 };
        const result = await kv.atomic().check(current).set(current.key, invite).commit();
        if (result.ok) return { kind: "used", invite };
      }
    },

    async listByGuild(guildId) {
      const keys: Deno.KvKey[] = [];
      for await (const e of kv.list({ prefix: ["guild_invites", guildId] })) {
        keys.push(inviteKey(String(e.key[2])));
      }
      return await getAll<InviteRecord>(kv, keys);
    },

    async delete(code) {
      const current = await kv.get<InviteRecord>(inviteKey(code));
      if (!current.value) return;
      await kv.atomic()
        .delete(current.key)
        .delete(guildInviteKey(current.value.guildId, code))
        .commit();
    },
  };
}
