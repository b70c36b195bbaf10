/** Contract of `MemberRepo`: joining once, paging, counts, nicknames, leaving, bans. */
import { beforeEach, describe, expect, test } from "vitest";
import type { BanRecord, Store } from "../../server/store/port.ts";
import { NOW, unique } from "./fixtures.ts";
import { memberRecord, seedGuild } from "./guilds_contract.ts";

/** Registers the members part of the contract; `current` is the store of the running test. */
export function membersContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  function banRecord(guildId: string, userId: string, moderatorId: string): BanRecord {
    return { guildId, userId, reason: "spam", moderatorId, createdAt: NOW };
  }

  describe("members", () => {
    test("add adds a member once; a second add changes nothing", async () => {
      const { guild } = await seedGuild(store);
      const member = memberRecord(guild.id);
      expect(await store.members.add(member)).toBe(true);
      expect(await store.members.add({ ...member, nick: "again" })).toBe(false);
      expect(await store.members.get(guild.id, member.userId)).toEqual(member);
      expect(await store.members.count(guild.id)).toBe(2);
      expect(await store.members.listGuildIdsOfUser(member.userId)).toEqual([guild.id]);
    });

    test("get returns null for a non-member; count is 0 for an unknown guild", async () => {
      const { guild } = await seedGuild(store);
      expect(await store.members.get(guild.id, unique("u"))).toBeNull();
      expect(await store.members.count(unique("g"))).toBe(0);
    });

    test("list pages by user id after `after`, at most `limit`", async () => {
      const { guild, owner } = await seedGuild(store);
      const p = unique("p");
      const ids = [`${p}d`, `${p}b`, `${p}a`, `${p}c`];
      for (const id of ids) await store.members.add(memberRecord(guild.id, id));
      const all = [...ids, owner.userId].sort();
      expect((await store.members.list(guild.id, null, 100)).map((m) => m.userId)).toEqual(all);
      expect((await store.members.list(guild.id, null, 2)).map((m) => m.userId)).toEqual(
        all.slice(0, 2),
      );
      expect((await store.members.list(guild.id, all[1], 2)).map((m) => m.userId)).toEqual(
        all.slice(2, 4),
      );
      expect(await store.members.list(guild.id, all[4], 2)).toEqual([]);
      expect((await store.members.listUserIds(guild.id)).sort()).toEqual(all);
    });

    test("listGuildIdsOfUser lists every guild of the user", async () => {
      const a = await seedGuild(store);
      const b = await seedGuild(store);
      const userId = unique("u");
      await store.members.add(memberRecord(a.guild.id, userId));
      await store.members.add(memberRecord(b.guild.id, userId));
      expect((await store.members.listGuildIdsOfUser(userId)).sort()).toEqual(
        [a.guild.id, b.guild.id].sort(),
      );
      expect(await store.members.listGuildIdsOfUser(unique("u"))).toEqual([]);
    });

    test("update applies the defined fields; null for a non-member", async () => {
      const { guild } = await seedGuild(store);
      const member = memberRecord(guild.id);
      await store.members.add(member);
      const nicked = await store.members.update(guild.id, member.userId, {
        nick: "Al",
        roleIds: undefined,
      });
      expect(nicked).toEqual({ ...member, nick: "Al" });
      const roled = await store.members.update(guild.id, member.userId, {
        roleIds: ["r1"],
        timeoutUntil: NOW,
      });
      expect(roled).toEqual({ ...member, nick: "Al", roleIds: ["r1"], timeoutUntil: NOW });
      expect(await store.members.get(guild.id, member.userId)).toEqual(roled);
      expect(await store.members.update(guild.id, unique("u"), { nick: "x" })).toBeNull();
    });

    test("remove ends the membership everywhere; false when there was none", async () => {
      const { guild } = await seedGuild(store);
      const member = memberRecord(guild.id);
      await store.members.add(member);
      expect(await store.members.remove(guild.id, member.userId)).toBe(true);
      expect(await store.members.remove(guild.id, member.userId)).toBe(false);
      expect(await store.members.get(guild.id, member.userId)).toBeNull();
      expect(await store.members.count(guild.id)).toBe(1);
      expect(await store.members.listGuildIdsOfUser(member.userId)).toEqual([]);
      expect(await store.members.add(member)).toBe(true); // may rejoin
    });

    test("ban removes the membership, is listed, and keeps the user from being added", async () => {
      const { guild, owner } = await seedGuild(store);
      const member = memberRecord(guild.id);
      await store.members.add(member);
      const ban = banRecord(guild.id, member.userId, owner.userId);
      await store.members.ban(ban);
      expect(await store.members.get(guild.id, member.userId)).toBeNull();
      expect(await store.members.count(guild.id)).toBe(1);
      expect(await store.members.listGuildIdsOfUser(member.userId)).toEqual([]);
      expect(await store.members.getBan(guild.id, member.userId)).toEqual(ban);
      expect(await store.members.listBans(guild.id)).toEqual([ban]);
      expect(await store.members.add(member)).toBe(false);
      expect(await store.members.get(guild.id, member.userId)).toBeNull();
    });

    test("ban of a non-member stores the ban and leaves the count alone", async () => {
      const { guild, owner } = await seedGuild(store);
      const ban = banRecord(guild.id, unique("u"), owner.userId);
      await store.members.ban(ban);
      expect(await store.members.getBan(guild.id, ban.userId)).toEqual(ban);
      expect(await store.members.count(guild.id)).toBe(1);
    });

    test("unban lifts the ban so the user may join again; false when there was none", async () => {
      const { guild, owner } = await seedGuild(store);
      const member = memberRecord(guild.id);
      await store.members.ban(banRecord(guild.id, member.userId, owner.userId));
      expect(await store.members.unban(guild.id, member.userId)).toBe(true);
      expect(await store.members.unban(guild.id, member.userId)).toBe(false);
      expect(await store.members.getBan(guild.id, member.userId)).toBeNull();
      expect(await store.members.listBans(guild.id)).toEqual([]);
      expect(await store.members.add(member)).toBe(true);
    });
  });
}
