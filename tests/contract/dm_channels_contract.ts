/** Contract of the DM half of `ChannelRepo`: one DM per pair, found from either side. */
import { beforeEach, describe, expect, test } from "vitest";
import type { ChannelRecord, Store } from "../../server/store/port.ts";
import { NOW, unique } from "./fixtures.ts";

/** A DM record between `a` and `b` with a fresh id. */
function dm(a: string, b: string): ChannelRecord {
  return {
    id: unique("ch"),
    type: "dm",
    guildId: null,
    name: "",
    topic: null,
    position: 0,
    recipientIds: [a, b].sort(),
    lastMessageId: null,
    createdAt: NOW,
  };
}

/** Registers the DM-channel part of the contract; `current` is the store of the running test. */
export function dmChannelsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("DM channels", () => {
    test("getOrCreateDm stores the made channel, which channels.get then returns", async () => {
      const [a, b] = [unique("id"), unique("id")];
      const made = dm(a, b);
      const channel = await store.channels.getOrCreateDm(a, b, () => made);
      expect(channel).toEqual(made);
      expect(await store.channels.get(made.id)).toEqual(made);
    });

    test("getOrCreateDm returns the same channel for the pair in either order", async () => {
      const [a, b] = [unique("id"), unique("id")];
      const first = await store.channels.getOrCreateDm(a, b, () => dm(a, b));
      let made = 0;
      const again = await store.channels.getOrCreateDm(b, a, () => {
        made += 1;
        return dm(a, b);
      });
      expect(again).toEqual(first);
      expect(made).toBe(0);
    });

    test("concurrent getOrCreateDm calls for one pair store exactly one channel", async () => {
      const [a, b] = [unique("id"), unique("id")];
      const channels = await Promise.all(
        Array.from(
          { length: 8 },
          (_, i) => store.channels.getOrCreateDm(i % 2 ? a : b, i % 2 ? b : a, () => dm(a, b)),
        ),
      );
      expect(new Set(channels.map((c) => c.id)).size).toBe(1);
      expect(await store.channels.listDms(a)).toEqual([channels[0]]);
      expect(await store.channels.listDms(b)).toEqual([channels[0]]);
    });

    test("listDms returns each of the user's DMs and no one else's", async () => {
      const [a, b, c] = [unique("id"), unique("id"), unique("id")];
      const ab = await store.channels.getOrCreateDm(a, b, () => dm(a, b));
      const ac = await store.channels.getOrCreateDm(c, a, () => dm(a, c));
      const bc = await store.channels.getOrCreateDm(b, c, () => dm(b, c));
      const byId = (x: ChannelRecord, y: ChannelRecord) => x.id < y.id ? -1 : 1;
      expect((await store.channels.listDms(a)).sort(byId)).toEqual([ab, ac].sort(byId));
      expect((await store.channels.listDms(c)).sort(byId)).toEqual([ac, bc].sort(byId));
      expect(await store.channels.listDms(unique("id"))).toEqual([]);
    });

    test("a DM reflects bumpLastMessage when listed", async () => {
      const [a, b] = [unique("id"), unique("id")];
      const channel = await store.channels.getOrCreateDm(a, b, () => dm(a, b));
      await store.channels.bumpLastMessage(channel.id, "m1");
      expect(await store.channels.listDms(b)).toEqual([{ ...channel, lastMessageId: "m1" }]);
      expect(await store.channels.getOrCreateDm(a, b, () => dm(a, b))).toEqual({
        ...channel,
        lastMessageId: "m1",
      });
    });
  });
}
