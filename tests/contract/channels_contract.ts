/** Contract of the guild-channel half of `ChannelRepo`: create, list by position, patch, delete, last message. */
import { beforeEach, describe, expect, test } from "vitest";
import type { Store } from "../../server/store/port.ts";
import { unique } from "./fixtures.ts";
import { channelRecord, seedGuild } from "./guilds_contract.ts";

/** Registers the guild channels part of the contract; `current` is the store of the running test. */
export function channelsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("guild channels", () => {
    test("create stores a channel that get returns; get of an unknown id is null", async () => {
      const { guild } = await seedGuild(store);
      const channel = channelRecord(guild.id, {
        type: "voice",
        name: "Lounge",
        topic: "chill",
        position: 3,
      });
      await store.channels.create(channel);
      expect(await store.channels.get(channel.id)).toEqual(channel);
      expect(await store.channels.get(unique("c"))).toBeNull();
    });

    test("listByGuild returns only that guild's channels, by position then id", async () => {
      const { guild, channel: first } = await seedGuild(store);
      const other = await seedGuild(store);
      const [a, b] = [unique("c1"), unique("c2")].sort();
      const later = channelRecord(guild.id, { id: b, position: 2 });
      const tieB = channelRecord(guild.id, { id: a, position: 2 });
      const middle = channelRecord(guild.id, { position: 1 });
      for (const c of [later, tieB, middle]) await store.channels.create(c);
      expect(await store.channels.listByGuild(guild.id)).toEqual([first, middle, tieB, later]);
      expect(await store.channels.listByGuild(other.guild.id)).toEqual([other.channel]);
      expect(await store.channels.listByGuild(unique("g"))).toEqual([]);
    });

    test("update applies the defined fields; null when the channel is unknown", async () => {
      const { channel } = await seedGuild(store);
      const updated = await store.channels.update(channel.id, {
        name: "talk",
        topic: "t",
        position: undefined,
      });
      expect(updated).toEqual({ ...channel, name: "talk", topic: "t" });
      const moved = await store.channels.update(channel.id, { position: 7, topic: null });
      expect(moved).toEqual({ ...channel, name: "talk", topic: null, position: 7 });
      expect(await store.channels.get(channel.id)).toEqual(moved);
      expect(await store.channels.listByGuild(channel.guildId!)).toEqual([moved]);
      expect(await store.channels.update(unique("c"), { name: "x" })).toBeNull();
    });

    test("delete removes the channel from get and from its guild's list", async () => {
      const { guild, channel } = await seedGuild(store);
      const kept = channelRecord(guild.id, { position: 1 });
      await store.channels.create(kept);
      await store.channels.delete(channel.id);
      expect(await store.channels.get(channel.id)).toBeNull();
      expect(await store.channels.listByGuild(guild.id)).toEqual([kept]);
      await store.channels.delete(unique("c")); // unknown: no error
    });

    test("bumpLastMessage only ever raises lastMessageId", async () => {
      const { channel } = await seedGuild(store);
      await store.channels.bumpLastMessage(channel.id, "01B");
      expect((await store.channels.get(channel.id))?.lastMessageId).toBe("01B");
      await store.channels.bumpLastMessage(channel.id, "01A");
      expect((await store.channels.get(channel.id))?.lastMessageId).toBe("01B");
      await store.channels.bumpLastMessage(channel.id, "01C");
      expect((await store.channels.get(channel.id))?.lastMessageId).toBe("01C");
      await store.channels.bumpLastMessage(unique("c"), "01D"); // unknown: no error, no record
      expect(await store.channels.get(unique("c"))).toBeNull();
    });
  });
}
