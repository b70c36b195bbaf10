/** Contract of roles CRUD (`GuildRepo`), channel overwrites (`ChannelRepo`) and `AuditLogRepo`. */
import { beforeEach, describe, expect, test } from "vitest";
import { idAt, ulidGenerator } from "../../server/ids.ts";
import type { AuditEntryRecord, RoleRecord, Store } from "../../server/store/port.ts";
import { NOW, unique } from "./fixtures.ts";
import { seedGuild } from "./guilds_contract.ts";

/** A role of `guildId` at `position`. */
function roleRecord(guildId: string, position: number, name = "mods"): RoleRecord {
  return { id: unique("r"), guildId, name, color: 0, position, permissions: "4" };
}

/** Registers the roles, overwrites and audit log part of the contract. */
export function permissionsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("roles", () => {
    test("createRole stores a role listed by position; a taken id is a conflict", async () => {
      const { guild, role: everyone } = await seedGuild(store);
      const high = roleRecord(guild.id, 2, "admins");
      const low = roleRecord(guild.id, 1);
      await store.guilds.createRole(high);
      await store.guilds.createRole(low);
      expect(await store.guilds.listRoles(guild.id)).toEqual([everyone, low, high]);
      await expect(store.guilds.createRole(low)).rejects.toMatchObject({ code: "conflict" });
    });

    test("updateRole applies the defined fields; null for a role of no such guild", async () => {
      const { guild } = await seedGuild(store);
      const role = roleRecord(guild.id, 1);
      await store.guilds.createRole(role);
      const next = await store.guilds.updateRole(guild.id, role.id, {
        name: "helpers",
        color: 255,
        permissions: "6",
      });
      expect(next).toEqual({ ...role, name: "helpers", color: 255, permissions: "6" });
      expect((await store.guilds.listRoles(guild.id))[1]).toEqual(next);
      const other = await seedGuild(store);
      expect(await store.guilds.updateRole(other.guild.id, role.id, { name: "x" })).toBeNull();
      expect(await store.guilds.updateRole(guild.id, unique("r"), { name: "x" })).toBeNull();
    });

    test("deleteRole removes the role once; other guilds' roles stay", async () => {
      const { guild, role: everyone } = await seedGuild(store);
      const role = roleRecord(guild.id, 1);
      await store.guilds.createRole(role);
      const other = await seedGuild(store);
      expect(await store.guilds.deleteRole(other.guild.id, role.id)).toBe(false);
      expect(await store.guilds.deleteRole(guild.id, role.id)).toBe(true);
      expect(await store.guilds.deleteRole(guild.id, role.id)).toBe(false);
      expect(await store.guilds.listRoles(guild.id)).toEqual([everyone]);
      expect(await store.guilds.listRoles(other.guild.id)).toEqual([other.role]);
    });

    test("reorderRoles moves several roles, skips unknown ids and answers the changed ones", async () => {
      const { guild, role: everyone } = await seedGuild(store);
      const a = roleRecord(guild.id, 1, "a");
      const b = roleRecord(guild.id, 2, "b");
      await store.guilds.createRole(a);
      await store.guilds.createRole(b);
      const changed = await store.guilds.reorderRoles(guild.id, [
        { id: a.id, position: 2 },
        { id: b.id, position: 1 },
        { id: unique("r"), position: 5 },
        { id: everyone.id, position: 0 },
      ]);
      const byName = (x: RoleRecord, y: RoleRecord) => (x.name < y.name ? -1 : 1);
      expect(changed.sort(byName)).toEqual([{ ...a, position: 2 }, { ...b, position: 1 }]);
      expect(await store.guilds.listRoles(guild.id)).toEqual([
        everyone,
        { ...b, position: 1 },
        { ...a, position: 2 },
      ]);
    });

    test("deleting the guild deletes its roles and audit log", async () => {
      const { guild } = await seedGuild(store);
      await store.guilds.createRole(roleRecord(guild.id, 1));
      await store.auditLog.append(entry(guild.id, unique("e")));
      await store.guilds.delete(guild.id);
      expect(await store.guilds.listRoles(guild.id)).toEqual([]);
      expect(await store.auditLog.list(guild.id, { limit: 10 })).toEqual([]);
    });
  });

  describe("channel overwrites", () => {
    test("a channel stored without overwrites reads with none", async () => {
      const { channel } = await seedGuild(store);
      expect((await store.channels.get(channel.id))?.overwrites ?? []).toEqual([]);
    });

    test("setOverwrite adds or replaces by target; deleteOverwrite removes it", async () => {
      const { guild, channel } = await seedGuild(store);
      const everyone = { id: guild.id, type: "role" as const, allow: "0", deny: "1" };
      const member = { id: unique("u"), type: "member" as const, allow: "2", deny: "0" };
      await store.channels.setOverwrite(channel.id, everyone);
      const both = await store.channels.setOverwrite(channel.id, member);
      expect(both?.overwrites).toEqual([everyone, member]);
      const replaced = await store.channels.setOverwrite(channel.id, { ...everyone, deny: "3" });
      expect(replaced?.overwrites).toEqual([member, { ...everyone, deny: "3" }]);
      expect((await store.channels.get(channel.id))?.overwrites).toEqual(replaced?.overwrites);
      const removed = await store.channels.deleteOverwrite(channel.id, member.id);
      expect(removed?.overwrites).toEqual([{ ...everyone, deny: "3" }]);
      const unchanged = await store.channels.deleteOverwrite(channel.id, member.id);
      expect(unchanged?.overwrites).toEqual([{ ...everyone, deny: "3" }]);
      expect(removed).toMatchObject({ id: channel.id, name: channel.name });
    });

    test("both answer null for a channel that does not exist", async () => {
      const o = { id: unique("u"), type: "member" as const, allow: "0", deny: "0" };
      expect(await store.channels.setOverwrite(unique("c"), o)).toBeNull();
      expect(await store.channels.deleteOverwrite(unique("c"), o.id)).toBeNull();
    });
  });

  describe("audit log", () => {
    test("list answers a guild's entries newest first, paged with before and limit", async () => {
      const guildId = unique("g");
      const ids = ulidGenerator(() => Date.parse(NOW));
      const entries = [0, 1, 2, 3].map(() => entry(guildId, ids.next()));
      for (const e of entries) await store.auditLog.append(e);
      await store.auditLog.append(entry(unique("g"), ids.next()));
      const newest = [...entries].reverse();
      expect(await store.auditLog.list(guildId, { limit: 10 })).toEqual(newest);
      expect(await store.auditLog.list(guildId, { limit: 2 })).toEqual(newest.slice(0, 2));
      expect(await store.auditLog.list(guildId, { before: entries[2].id, limit: 10 }))
        .toEqual([entries[1], entries[0]]);
      expect(await store.auditLog.list(guildId, { before: idAt(0), limit: 10 })).toEqual([]);
    });
  });
}

function entry(guildId: string, id: string): AuditEntryRecord {
  return {
    id,
    guildId,
    actorId: unique("u"),
    action: "member_kick",
    targetId: unique("u"),
    reason: "spam",
    changes: [{ key: "nick", old: null, new: "x" }],
    createdAt: NOW,
  };
}
