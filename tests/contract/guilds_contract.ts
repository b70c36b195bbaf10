/** Contract of `GuildRepo`: atomic creation, lookups, updates, deletion of everything a guild holds. */
import { beforeEach, describe, expect, test } from "vitest";
import type {
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  RoleRecord,
  Store,
} from "../../server/store/port.ts";
import { EXPIRES, NOW, unique } from "./fixtures.ts";

/** A guild record with a unique id. */
export function guildRecord(overrides: Partial<GuildRecord> = {}): GuildRecord {
  return {
    id: unique("g"),
    name: "Book club",
    ownerId: unique("o"),
    icon: null,
    createdAt: NOW,
    ...overrides,
  };
}

/** A guild channel of `guildId`. */
export function channelRecord(
  guildId: string,
  overrides: Partial<ChannelRecord> = {},
): ChannelRecord {
  return {
    id: unique("c"),
    type: "text",
    guildId,
    name: "general",
    topic: null,
    position: 0,
    recipientIds: [],
    lastMessageId: null,
    createdAt: NOW,
    ...overrides,
  };
}

/** A membership of `userId` in `guildId`. */
export function memberRecord(guildId: string, userId = unique("m")): MemberRecord {
  return { guildId, userId, nick: null, roleIds: [], joinedAt: NOW, timeoutUntil: null };
}

/** The `@everyone` role of `guildId`. */
export function everyoneRole(guildId: string): RoleRecord {
  return { id: guildId, guildId, name: "@everyone", color: 0, position: 0, permissions: "3" };
}

/** Stores a new guild with `@everyone`, one text channel and its owner; returns them. */
export async function seedGuild(store: Store) {
  const guild = guildRecord();
  const role = everyoneRole(guild.id);
  const channel = channelRecord(guild.id);
  const owner = memberRecord(guild.id, guild.ownerId);
  await store.guilds.create(guild, [role], [channel], owner);
  return { guild, role, channel, owner };
}

/** Registers the guilds part of the contract; `current` is the store of the running test. */
export function guildsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("guilds", () => {
    test("create stores the guild with its roles, channels and owner membership", async () => {
      const guild = guildRecord();
      const roles = [everyoneRole(guild.id), {
        ...everyoneRole(guild.id),
        id: unique("r"),
        name: "mods",
        position: 1,
      }];
      const channels = [
        channelRecord(guild.id, { position: 1, type: "voice", name: "General" }),
        channelRecord(guild.id, { position: 0 }),
      ];
      const owner = memberRecord(guild.id, guild.ownerId);
      await store.guilds.create(guild, roles, channels, owner);
      expect(await store.guilds.get(guild.id)).toEqual(guild);
      expect(await store.guilds.listRoles(guild.id)).toEqual(roles);
      expect(await store.channels.listByGuild(guild.id)).toEqual([channels[1], channels[0]]);
      expect(await store.members.get(guild.id, guild.ownerId)).toEqual(owner);
      expect(await store.members.count(guild.id)).toBe(1);
      expect(await store.members.listGuildIdsOfUser(guild.ownerId)).toEqual([guild.id]);
    });

    test("get returns null for an unknown id", async () => {
      expect(await store.guilds.get(unique("g"))).toBeNull();
    });

    test("getMany returns only the guilds that exist, across batches", async () => {
      const made = [];
      for (let i = 0; i < 12; i++) made.push((await seedGuild(store)).guild);
      const found = await store.guilds.getMany([...made.map((g) => g.id), unique("missing")]);
      const byId = (a: GuildRecord, b: GuildRecord) => (a.id < b.id ? -1 : 1);
      expect(found.sort(byId)).toEqual([...made].sort(byId));
      expect(await store.guilds.getMany([])).toEqual([]);
    });

    test("update applies the defined fields and returns the guild; null when unknown", async () => {
      const { guild } = await seedGuild(store);
      const renamed = await store.guilds.update(guild.id, { name: "Chess club", icon: undefined });
      expect(renamed).toEqual({ ...guild, name: "Chess club" });
      const iconed = await store.guilds.update(guild.id, { icon: "https://x.io/i.png" });
      expect(iconed).toEqual({ ...guild, name: "Chess club", icon: "https://x.io/i.png" });
      expect(await store.guilds.get(guild.id)).toEqual(iconed);
      expect(await store.guilds.update(unique("g"), { name: "x" })).toBeNull();
    });

    test("delete removes the guild with its roles, channels, members, bans and invites", async () => {
      const { guild, channel } = await seedGuild(store);
      const other = await seedGuild(store);
      const member = memberRecord(guild.id);
      await store.members.add(member);
      const banned = unique("b");
      await store.members.ban({
        guildId: guild.id,
        userId: banned,
        reason: null,
        moderatorId: guild.ownerId,
        createdAt: NOW,
      });
      const code = unique("inv");
      await store.invites.create({
        code,
        guildId: guild.id,
        inviterId: guild.ownerId,
        maxUses: null,
        uses: 0,
        expiresAt: EXPIRES,
        createdAt: NOW,
      });

      await store.guilds.delete(guild.id);

      expect(await store.guilds.get(guild.id)).toBeNull();
      expect(await store.guilds.listRoles(guild.id)).toEqual([]);
      expect(await store.channels.get(channel.id)).toBeNull();
      expect(await store.channels.listByGuild(guild.id)).toEqual([]);
      expect(await store.members.get(guild.id, member.userId)).toBeNull();
      expect(await store.members.listUserIds(guild.id)).toEqual([]);
      expect(await store.members.count(guild.id)).toBe(0);
      expect(await store.members.listGuildIdsOfUser(member.userId)).toEqual([]);
      expect(await store.members.getBan(guild.id, banned)).toBeNull();
      expect(await store.invites.get(code)).toBeNull();
      expect(await store.guilds.get(other.guild.id)).toEqual(other.guild);
      expect(await store.channels.get(other.channel.id)).toEqual(other.channel);
      expect(await store.members.count(other.guild.id)).toBe(1);
    });
  });
}
