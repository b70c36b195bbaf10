import { describe, expect, test } from "vitest";
import { pushSyncStep } from "./push.ts";

const state = (lastReadId: string | null, mentionCount = 0) => ({ lastReadId, mentionCount });

describe("the page's push sync", () => {
  test("a channel not loaded yet closes nothing, and is judged once it loads", () => {
    const states = new Map([["dm", state(null, 1)]]);
    const loading = pushSyncStep(states, new Map(), () => null);
    expect(loading).toEqual({ badge: 1, close: [], judged: new Map() });
    // Loaded and unread: its fresh notification stays.
    const unread = pushSyncStep(states, loading.judged, () => false);
    expect(unread.close).toEqual([]);
    // Read to the end on another device: closed once, not again.
    const read = new Map([["dm", state("m1")]]);
    const closed = pushSyncStep(read, unread.judged, () => true);
    expect(closed).toEqual({ badge: 0, close: ["ch:dm"], judged: new Map([["dm", "m1"]]) });
    expect(pushSyncStep(read, closed.judged, () => true).close).toEqual([]);
  });

  test("the badge sums mentions; only channels read since last time close", () => {
    const states = new Map([["a", state("m1", 2)], ["b", state("m2", 3)]]);
    const first = pushSyncStep(states, new Map([["a", "m1"]]), (id) => id === "b");
    expect(first.badge).toBe(5);
    expect(first.close).toEqual(["ch:b"]);
  });
});
