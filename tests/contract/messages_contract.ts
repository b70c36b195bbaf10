/** Contract of `MessageRepo`: nonces, history paging, edits, reactions, pins, search. */
import { beforeEach, describe, expect, test } from "vitest";
import { ulidGenerator } from "../../server/ids.ts";
import type { MessageRecord, Store } from "../../server/store/port.ts";
import { NOW, unique } from "./fixtures.ts";
import { seedGuild } from "./guilds_contract.ts";

const ids = ulidGenerator();

/** A message in `channelId` with a fresh, increasing id and a unique nonce. */
function message(channelId: string, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id: ids.next(),
    channelId,
    guildId: null,
    authorId: unique("author"),
    content: "hello",
    nonce: unique("n"),
    replyToId: null,
    mentions: [],
    mentionEveryone: false,
    attachments: [],
    reactions: {},
    pinned: false,
    editedAt: null,
    createdAt: NOW,
    ...overrides,
  };
}

/** Registers the messages part of the contract; `current` is the store of the running test. */
export function messagesContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  /** Stores `n` messages in a new channel, oldest first. */
  async function seed(n: number, overrides: Partial<MessageRecord> = {}) {
    const channelId = unique("ch");
    const all: MessageRecord[] = [];
    for (let i = 0; i < n; i++) {
      const m = message(channelId, { content: `message ${i}`, ...overrides });
      await store.messages.create(m);
      all.push(m);
    }
    return { channelId, all };
  }

  const idsOf = (ms: MessageRecord[]) => ms.map((m) => m.id);

  describe("messages", () => {
    test("create stores a message that get returns; get of another channel is null", async () => {
      const m = message(unique("ch"));
      expect(await store.messages.create(m)).toEqual({ created: true, message: m });
      expect(await store.messages.get(m.channelId, m.id)).toEqual(m);
      expect(await store.messages.get(unique("ch"), m.id)).toBeNull();
    });

    test("create with an author's repeated nonce returns the first message and stores nothing", async () => {
      const first = message(unique("ch"));
      await store.messages.create(first);
      const again = message(first.channelId, {
        authorId: first.authorId,
        nonce: first.nonce,
        content: "again",
      });
      expect(await store.messages.create(again)).toEqual({ created: false, message: first });
      expect(await store.messages.get(again.channelId, again.id)).toBeNull();
      const other = message(first.channelId, { nonce: first.nonce });
      expect((await store.messages.create(other)).created).toBe(true);
    });

    test("concurrent creates with one nonce store exactly one message", async () => {
      const channelId = unique("ch");
      const authorId = unique("author");
      const nonce = unique("n");
      const results = await Promise.all(
        Array.from(
          { length: 8 },
          () => store.messages.create(message(channelId, { authorId, nonce })),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const stored = await store.messages.list(channelId, { limit: 50 });
      expect(stored).toHaveLength(1);
      for (const r of results) expect(r.message).toEqual(stored[0]);
    });

    test("create raises the channel's lastMessageId to the newest message, even out of order", async () => {
      const { channel } = await seedGuild(store);
      await Promise.all(
        Array.from({ length: 6 }, () => store.messages.create(message(channel.id))),
      );
      const newest = (await store.messages.list(channel.id, { limit: 1 }))[0].id;
      expect((await store.channels.get(channel.id))?.lastMessageId).toBe(newest);
      const older = message(channel.id);
      const newer = message(channel.id);
      await store.messages.create(newer);
      await store.messages.create(older);
      expect((await store.channels.get(channel.id))?.lastMessageId).toBe(newer.id);
    });

    test("sends racing a rename keep both the new name and the newest lastMessageId", async () => {
      const { channel } = await seedGuild(store);
      const sends = Array.from({ length: 8 }, () => message(channel.id));
      await Promise.all([
        ...sends.map((m) => store.messages.create(m)),
        store.channels.update(channel.id, { name: "renamed" }),
      ]);
      const after = await store.channels.get(channel.id);
      expect(after?.name).toBe("renamed");
      expect(after?.lastMessageId).toBe(sends.map((m) => m.id).sort().at(-1));
      expect(await store.messages.list(channel.id, { limit: 100 })).toHaveLength(8);
    });

    test("concurrent creates in two channels are each stored once; a repeated nonce among them gets the first", async () => {
      const a = await seedGuild(store);
      const b = await seedGuild(store);
      const first = message(a.channel.id, { guildId: a.guild.id });
      await store.messages.create(first, (await store.channels.get(a.channel.id))!);
      const fresh = Array.from({ length: 8 }, (_, i) => {
        const { guild, channel } = i % 2 ? a : b;
        return message(channel.id, { guildId: guild.id, content: `word${i} shared` });
      });
      const repeat = message(b.channel.id, { authorId: first.authorId, nonce: first.nonce });
      const asRead = await Promise.all([a, b].map(({ channel }) => store.channels.get(channel.id)));
      const results = await Promise.all([
        ...fresh.map((m) =>
          store.messages.create(m, asRead[m.channelId === a.channel.id ? 0 : 1]!)
        ),
        store.messages.create(repeat),
      ]);
      expect(results).toEqual([
        ...fresh.map((m) => ({ created: true, message: m })),
        { created: false, message: first },
      ]);
      expect(await store.messages.get(repeat.channelId, repeat.id)).toBeNull();
      for (const { guild, channel } of [a, b]) {
        const mine = fresh.filter((m) => m.channelId === channel.id);
        expect((await store.channels.get(channel.id))?.lastMessageId).toBe(
          mine.map((m) => m.id).sort().at(-1),
        );
        const found = await store.messages.search({
          guildId: guild.id,
          words: ["shared"],
          limit: 10,
        });
        expect(idsOf(found.messages).sort()).toEqual(idsOf(mine).sort());
      }
    });

    test("concurrent long guild messages are all stored and all searchable", async () => {
      // 400 distinct words each (the most a message indexes): together far
      // more postings than one atomic write may hold.
      const { guild, channel } = await seedGuild(store);
      const sends = Array.from({ length: 12 }, (_, i) =>
        message(channel.id, {
          guildId: guild.id,
          content: Array.from({ length: 400 }, (_, w) => `m${i}w${w}`).join(" "),
        }));
      const results = await Promise.all(sends.map((m) => store.messages.create(m)));
      expect(results.every((r) => r.created)).toBe(true);
      expect(await store.messages.list(channel.id, { limit: 100 })).toHaveLength(12);
      for (const [i, m] of sends.entries()) {
        const found = await store.messages.search({
          guildId: guild.id,
          words: [`m${i}w399`],
          limit: 5,
        });
        expect(idsOf(found.messages)).toEqual([m.id]);
      }
      expect((await store.channels.get(channel.id))?.lastMessageId).toBe(
        sends.map((m) => m.id).sort().at(-1),
      );
    });

    test("a send given the channel as read before a rename keeps the new name", async () => {
      const { channel } = await seedGuild(store);
      const asRead = (await store.channels.get(channel.id))!;
      await store.channels.update(channel.id, { name: "renamed" });
      const first = message(channel.id);
      expect((await store.messages.create(first, asRead)).created).toBe(true);
      const second = message(channel.id);
      await store.messages.create(second, (await store.channels.get(channel.id))!);
      const after = await store.channels.get(channel.id);
      expect(after?.name).toBe("renamed");
      expect(after?.lastMessageId).toBe(second.id);
      expect(idsOf(await store.messages.list(channel.id, { limit: 10 }))).toEqual([
        second.id,
        first.id,
      ]);
    });

    test("list pages newest first with before, and oldest-after with after", async () => {
      const { channelId, all } = await seed(7);
      const newest = [...all].reverse();
      expect(idsOf(await store.messages.list(channelId, { limit: 3 }))).toEqual(
        idsOf(newest.slice(0, 3)),
      );
      expect(idsOf(await store.messages.list(channelId, { before: all[4].id, limit: 3 })))
        .toEqual(idsOf([all[3], all[2], all[1]]));
      expect(idsOf(await store.messages.list(channelId, { after: all[1].id, limit: 3 })))
        .toEqual(idsOf([all[4], all[3], all[2]]));
      expect(
        idsOf(
          await store.messages.list(channelId, { after: all[1].id, before: all[5].id, limit: 10 }),
        ),
      ).toEqual(idsOf([all[4], all[3], all[2]]));
      expect(await store.messages.list(channelId, { after: all[6].id, limit: 3 })).toEqual([]);
      expect(await store.messages.list(unique("ch"), { limit: 3 })).toEqual([]);
    });

    test("update applies the patch; unknown messages give null", async () => {
      const { channelId, all: [m] } = await seed(1);
      const patch = { content: "edited", editedAt: NOW, mentions: ["u1"], mentionEveryone: true };
      const updated = await store.messages.update(channelId, m.id, patch);
      expect(updated).toEqual({ ...m, ...patch });
      expect(await store.messages.get(channelId, m.id)).toEqual({ ...m, ...patch });
      expect(await store.messages.update(channelId, unique("id"), { content: "x" })).toBeNull();
    });

    test("delete removes the message and frees its nonce; a second delete is false", async () => {
      const { channelId, all: [m] } = await seed(1);
      expect(await store.messages.delete(channelId, m.id)).toBe(true);
      expect(await store.messages.get(channelId, m.id)).toBeNull();
      expect(await store.messages.delete(channelId, m.id)).toBe(false);
      const reused = message(channelId, { authorId: m.authorId, nonce: m.nonce });
      expect((await store.messages.create(reused)).created).toBe(true);
    });

    test("reactions are added and removed once per user; missing messages give null", async () => {
      const { channelId, all: [m] } = await seed(1);
      expect(await store.messages.addReaction(channelId, m.id, "👍", "a")).toBe(true);
      expect(await store.messages.addReaction(channelId, m.id, "👍", "a")).toBe(false);
      expect(await store.messages.addReaction(channelId, m.id, "👍", "b")).toBe(true);
      expect(await store.messages.addReaction(channelId, m.id, "🎉", "a")).toBe(true);
      expect((await store.messages.get(channelId, m.id))!.reactions).toEqual({
        "👍": ["a", "b"],
        "🎉": ["a"],
      });
      expect(await store.messages.removeReaction(channelId, m.id, "🎉", "a")).toBe(true);
      expect(await store.messages.removeReaction(channelId, m.id, "🎉", "a")).toBe(false);
      expect((await store.messages.get(channelId, m.id))!.reactions).toEqual({ "👍": ["a", "b"] });
      expect(await store.messages.addReaction(channelId, unique("id"), "👍", "a")).toBeNull();
      expect(await store.messages.removeReaction(channelId, unique("id"), "👍", "a")).toBeNull();
    });

    test("concurrent reactions of many users are all kept", async () => {
      const { channelId, all: [m] } = await seed(1);
      const users = Array.from({ length: 10 }, (_, i) => `user${i}`);
      await Promise.all(users.map((u) => store.messages.addReaction(channelId, m.id, "🔥", u)));
      const stored = await store.messages.get(channelId, m.id);
      expect([...stored!.reactions["🔥"]].sort()).toEqual(users);
    });

    test("listPinned returns the pinned messages newest first", async () => {
      const { channelId, all } = await seed(4);
      await store.messages.update(channelId, all[0].id, { pinned: true });
      await store.messages.update(channelId, all[2].id, { pinned: true });
      await store.messages.update(channelId, all[3].id, { pinned: true });
      await store.messages.update(channelId, all[3].id, { pinned: false });
      expect(idsOf(await store.messages.listPinned(channelId))).toEqual(idsOf([all[2], all[0]]));
      await store.messages.delete(channelId, all[2].id);
      expect(idsOf(await store.messages.listPinned(channelId))).toEqual([all[0].id]);
    });
  });

  describe("messages search", () => {
    /** A guild with messages in two channels by two authors. */
    async function guildWith(contents: [channel: 0 | 1, author: 0 | 1, content: string][]) {
      const guildId = unique("g");
      const channels = [unique("ch"), unique("ch")];
      const authors = [unique("a"), unique("a")];
      const stored: MessageRecord[] = [];
      for (const [c, a, content] of contents) {
        const m = message(channels[c], { guildId, authorId: authors[a], content });
        await store.messages.create(m);
        stored.push(m);
      }
      return { guildId, channels, authors, stored };
    }

    test("search finds messages holding every word, newest first, with the total", async () => {
      const { guildId, stored } = await guildWith([
        [0, 0, "The quick brown fox"],
        [0, 1, "a quick reply"],
        [1, 0, "Brown bread, quick!"],
        [1, 1, "nothing here"],
      ]);
      const quick = await store.messages.search({ guildId, words: ["quick"], limit: 10 });
      expect(quick.total).toBe(3);
      expect(idsOf(quick.messages)).toEqual(idsOf([stored[2], stored[1], stored[0]]));
      const both = await store.messages.search({ guildId, words: ["brown", "quick"], limit: 10 });
      expect(idsOf(both.messages)).toEqual(idsOf([stored[2], stored[0]]));
      const limited = await store.messages.search({ guildId, words: ["quick"], limit: 1 });
      expect(limited).toEqual({ total: 3, messages: [stored[2]] });
      expect(await store.messages.search({ guildId, words: ["absent"], limit: 10 })).toEqual({
        total: 0,
        messages: [],
      });
    });

    test("search filters by channel and author and stays within the guild", async () => {
      const { guildId, channels, authors, stored } = await guildWith([
        [0, 0, "deploy today"],
        [1, 0, "deploy tomorrow"],
        [1, 1, "deploy never"],
      ]);
      const inChannel = await store.messages.search({
        guildId,
        words: ["deploy"],
        channelId: channels[1],
        limit: 10,
      });
      expect(idsOf(inChannel.messages)).toEqual(idsOf([stored[2], stored[1]]));
      const byAuthor = await store.messages.search({
        guildId,
        words: ["deploy"],
        authorId: authors[0],
        limit: 10,
      });
      expect(idsOf(byAuthor.messages)).toEqual(idsOf([stored[1], stored[0]]));
      const other = await store.messages.search({
        guildId: unique("g"),
        words: ["deploy"],
        limit: 5,
      });
      expect(other.total).toBe(0);
    });

    test("search keeps to the given channels, in the page and in the total", async () => {
      const { guildId, channels, stored } = await guildWith([
        [0, 0, "ship it"],
        [1, 0, "ship it later"],
        [1, 1, "ship it now"],
      ]);
      const onlyFirst = await store.messages.search({
        guildId,
        words: ["ship"],
        channelIds: [channels[0]],
        limit: 1,
      });
      expect(onlyFirst).toEqual({ total: 1, messages: [stored[0]] });
      const none = await store.messages.search({
        guildId,
        words: ["ship"],
        channelIds: [],
        limit: 5,
      });
      expect(none).toEqual({ total: 0, messages: [] });
    });

    test("search follows edits and deletes, and matches whole words only", async () => {
      const { guildId, stored: [m, n] } = await guildWith([
        [0, 0, "old words"],
        [0, 0, "category"],
      ]);
      await store.messages.update(m.channelId, m.id, { content: "new words" });
      expect((await store.messages.search({ guildId, words: ["old"], limit: 5 })).total).toBe(0);
      const found = await store.messages.search({ guildId, words: ["new", "words"], limit: 5 });
      expect(found.messages.map((x) => x.content)).toEqual(["new words"]);
      expect((await store.messages.search({ guildId, words: ["cat"], limit: 5 })).total).toBe(0);
      await store.messages.delete(n.channelId, n.id);
      expect((await store.messages.search({ guildId, words: ["category"], limit: 5 })).total)
        .toBe(0);
    });

    test("purgeChannel deletes a channel's messages oldest first in steps, with pins, postings and nonces", async () => {
      const { guildId, channels: [gone, kept], stored } = await guildWith([
        [0, 0, "launch plan one"],
        [0, 1, "launch plan two"],
        [0, 0, "launch plan three"],
        [1, 0, "launch plan elsewhere"],
        [0, 1, "launch plan four"],
        [0, 0, "launch plan five"],
      ]);
      await store.messages.update(gone, stored[2].id, { pinned: true });
      await store.messages.update(kept, stored[3].id, { pinned: true });

      expect(await store.messages.purgeChannel(gone, 2)).toBe(2);
      const left = await store.messages.list(gone, { limit: 10 });
      expect(idsOf(left)).toEqual(idsOf([stored[5], stored[4], stored[2]]));
      expect(await store.messages.purgeChannel(gone, 10)).toBe(3);
      expect(await store.messages.purgeChannel(gone, 10)).toBe(0);

      expect(await store.messages.list(gone, { limit: 10 })).toEqual([]);
      expect(await store.messages.listPinned(gone)).toEqual([]);
      const found = await store.messages.search({ guildId, words: ["launch"], limit: 10 });
      expect([found.total, idsOf(found.messages)]).toEqual([1, [stored[3].id]]);
      expect(idsOf(await store.messages.listPinned(kept))).toEqual([stored[3].id]);
      // The author may use the nonce again: it went with its message.
      const reused = message(kept, { authorId: stored[0].authorId, nonce: stored[0].nonce });
      expect((await store.messages.create(reused)).created).toBe(true);
    });

    test("purgeChannel deletes messages with the most search postings a message may have", async () => {
      const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(" ");
      const { guildId, channels: [channelId] } = await guildWith([
        [0, 0, words],
        [0, 1, words],
        [0, 0, words],
      ]);
      expect(await store.messages.purgeChannel(channelId, 10)).toBe(3);
      expect(await store.messages.list(channelId, { limit: 10 })).toEqual([]);
      const found = await store.messages.search({ guildId, words: ["w0", "w399"], limit: 5 });
      expect(found.total).toBe(0);
    });

    test("search matches words of any script, case-insensitively", async () => {
      const { guildId, stored } = await guildWith([[0, 0, "Привет, МИР! Grüße"]]);
      for (const words of [["привет", "мир"], ["grüße"]]) {
        const found = await store.messages.search({ guildId, words, limit: 5 });
        expect(idsOf(found.messages)).toEqual([stored[0].id]);
      }
    });
  });
}
