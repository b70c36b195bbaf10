import { AppError } from "../../errors.ts";
import type { GuildRecord, GuildRepo, RoleRecord } from "../guilds.ts";
import { channelKey, getAll, guildChannelKey } from "./channels.ts";
import { inviteKey } from "./invites.ts";
import { memberCountKey, memberKey, userGuildKey } from "./members.ts";

/** A guild: `["guilds", id]` → GuildRecord. */
export const guildKey = (id: string): Deno.KvKey => ["guilds", id];
/** A role: `["roles", guildId, roleId]` → RoleRecord. */
export const roleKey = (guildId: string, id: string): Deno.KvKey => ["roles", guildId, id];

/** Mutations per atomic when sweeping a deleted guild (well under KV's limit of 1000). */
const SWEEP_BATCH = 200;

/**
 * Guilds and roles in Deno KV. A new guild is written with its roles,
 * channels and owner in one atomic; deleting removes the guild record first
 * (so nothing of it is reachable any more) and then sweeps the rest.
 */
export function kvGuilds(kv: Deno.Kv): GuildRepo {
  /** Deletes every entry under `prefix` together with the keys `keysOf` names for it. */
  async function sweep(prefix: Deno.KvKey, keysOf: (key: Deno.KvKey) => Deno.KvKey[]) {
    let batch: Deno.KvKey[] = [];
    const flush = async () => {
      const op = kv.atomic();
      for (const key of batch) op.delete(key);
      await op.commit();
      batch = [];
    };
    for await (const e of kv.list({ prefix })) {
      batch.push(e.key, ...keysOf(e.key));
      if (batch.length >= SWEEP_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
  }

  return {
    async create(guild, roles, channels, owner) {
      const op = kv.atomic()
        .check({ key: guildKey(guild.id), versionstamp: null })
        .set(guildKey(guild.id), guild);
      for (const role of roles) op.set(roleKey(guild.id, role.id), role);
      for (const channel of channels) {
        op.check({ key: channelKey(channel.id), versionstamp: null })
          .set(channelKey(channel.id), channel)
          .set(guildChannelKey(guild.id, channel.id), true);
      }
      op.set(memberKey(guild.id, owner.userId), owner)
        .set(userGuildKey(owner.userId, guild.id), true)
        .set(memberCountKey(guild.id), new Deno.KvU64(1n));
      if (!(await op.commit()).ok) {
        throw new AppError("conflict", "Guild already exists", {
          detail: `guild ${guild.id} or one of its channels is already stored`,
        });
      }
    },

    async get(id) {
      return (await kv.get<GuildRecord>(guildKey(id))).value;
    },

    getMany: (ids) => getAll<GuildRecord>(kv, ids.map(guildKey)),

    async update(id, patch) {
      for (;;) {
        const current = await kv.get<GuildRecord>(guildKey(id));
        if (!current.value) return null;
        const defined = Object.entries(patch).filter(([, v]) => v !== undefined);
        const next: GuildRecord = { ...current.value, ...Object.fromEntries(defined) };
        if ((await kv.atomic().check(current).set(current.key, next).commit()).ok) return next;
      }
    },

    async delete(id) {
      await kv.delete(guildKey(id));
      await sweep(["roles", id], () => []);
      await sweep(["guild_channels", id], (k) => [channelKey(String(k[2]))]);
      await sweep(["members", id], (k) => [userGuildKey(String(k[2]), id)]);
      await sweep(["bans", id], () => []);
      await sweep(["guild_invites", id], (k) => [inviteKey(String(k[2]))]);
      await sweep(["audit", id], () => []);
      await kv.delete(memberCountKey(id));
    },

    async listRoles(guildId) {
      const roles: RoleRecord[] = [];
      for await (const e of kv.list<RoleRecord>({ prefix: ["roles", guildId] })) {
        roles.push(e.value);
      }
      return roles.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
    },

    async createRole(role) {
      const key = roleKey(role.guildId, role.id);
      const ok = (await kv.atomic().check({ key, versionstamp: null }).set(key, role).commit()).ok;
      if (!ok) {
        throw new AppError("conflict", "Role already exists", {
          detail: `a role with id ${role.id} is already stored`,
        });
      }
    },

    async updateRole(guildId, roleId, patch) {
      for (;;) {
        const current = await kv.get<RoleRecord>(roleKey(guildId, roleId));
        if (!current.value) return null;
        const defined = Object.entries(patch).filter(([, v]) => v !== undefined);
        const next: RoleRecord = { ...current.value, ...Object.fromEntries(defined) };
        if ((await kv.atomic().check(current).set(current.key, next).commit()).ok) return next;
      }
    },

    async deleteRole(guildId, roleId) {
      for (;;) {
        const current = await kv.get<RoleRecord>(roleKey(guildId, roleId));
        if (!current.value) return false;
        if ((await kv.atomic().check(current).delete(current.key).commit()).ok) return true;
      }
    },

    async reorderRoles(guildId, positions) {
      // Few roles per guild (≤ 250): one atomic over all of them, retried on conflict.
      for (;;) {
        const entries = await Promise.all(
          positions.map((p) => kv.get<RoleRecord>(roleKey(guildId, p.id))),
        );
        const op = kv.atomic();
        const changed: RoleRecord[] = [];
        entries.forEach((entry, i) => {
          if (!entry.value || entry.value.position === positions[i].position) return;
          const next = { ...entry.value, position: positions[i].position };
          op.check(entry).set(entry.key, next);
          changed.push(next);
        });
        if (changed.length === 0 || (await op.commit()).ok) return changed;
      }
    },
  };
}
