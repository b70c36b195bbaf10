/** Contract of `ReadStateRepo`: read markers and mention counts per user and channel. */
import { beforeEach, describe, expect, test } from "vitest";
import type { Store } from "../../server/store/port.ts";
import { unique } from "./fixtures.ts";

/** Registers the read-states part of the contract; `current` is the store of the running test. */
export function readStatesContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("read states", () => {
    test("get is null until set; set replaces", async () => {
      const userId = unique("u");
      const channelId = unique("ch");
      expect(await store.readStates.get(userId, channelId)).toBeNull();
      await store.readStates.set({ userId, channelId, lastReadId: "01A", mentionCount: 2 });
      await store.readStates.set({ userId, channelId, lastReadId: "01B", mentionCount: 0 });
      expect(await store.readStates.get(userId, channelId)).toEqual({
        userId,
        channelId,
        lastReadId: "01B",
        mentionCount: 0,
      });
    });

    test("incrementMentions counts per user and creates unread states", async () => {
      const [a, b] = [unique("u"), unique("u")];
      const channelId = unique("ch");
      await store.readStates.set({ userId: a, channelId, lastReadId: "01A", mentionCount: 1 });
      await store.readStates.incrementMentions(channelId, [a, b]);
      await store.readStates.incrementMentions(channelId, [a]);
      expect(await store.readStates.get(a, channelId)).toEqual({
        userId: a,
        channelId,
        lastReadId: "01A",
        mentionCount: 3,
      });
      expect(await store.readStates.get(b, channelId)).toEqual({
        userId: b,
        channelId,
        lastReadId: null,
        mentionCount: 1,
      });
    });

    test("concurrent increments are all counted", async () => {
      const userId = unique("u");
      const channelId = unique("ch");
      await Promise.all(
        Array.from({ length: 10 }, () => store.readStates.incrementMentions(channelId, [userId])),
      );
      expect((await store.readStates.get(userId, channelId))?.mentionCount).toBe(10);
    });

    test("list returns every read state of the user and nobody else's", async () => {
      const [a, b] = [unique("u"), unique("u")];
      const [c1, c2] = [unique("ch"), unique("ch")];
      await store.readStates.set({ userId: a, channelId: c1, lastReadId: "01A", mentionCount: 0 });
      await store.readStates.incrementMentions(c2, [a, b]);
      const states = await store.readStates.list(a);
      expect(states.sort((x, y) => x.channelId < y.channelId ? -1 : 1)).toEqual(
        [
          { userId: a, channelId: c1, lastReadId: "01A", mentionCount: 0 },
          { userId: a, channelId: c2, lastReadId: null, mentionCount: 1 },
        ].sort((x, y) => x.channelId < y.channelId ? -1 : 1),
      );
      expect(await store.readStates.list(unique("u"))).toEqual([]);
    });
  });
}
