/**
 * Contract of the web-push aggregates: subscriptions per endpoint and
 * user, notification settings, durable jobs and focus marks.
 */
import { beforeEach, describe, expect, test } from "vitest";
import type { JobRecord, PushSubscriptionRecord, Store } from "../../server/store/port.ts";
import { NOW, unique } from "./fixtures.ts";

function subscription(
  userId: string,
  overrides: Partial<PushSubscriptionRecord> = {},
): PushSubscriptionRecord {
  const id = unique("sub");
  return {
    id,
    userId,
    endpoint: `https://push.example/${id}`,
    p256dh: "B".repeat(87),
    auth: "A".repeat(22),
    device: null,
    createdAt: NOW,
    tags: [],
    ...overrides,
  };
}

/** Resolves with the jobs the listener ran, once `count` of them have. */
function collect(store: Store, count: number): { ran: Promise<JobRecord[]>; stop: () => void } {
  const seen: JobRecord[] = [];
  let stop = () => {};
  const ran = new Promise<JobRecord[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen.length} jobs ran`)), 10_000);
    stop = store.jobs.listen((job) => {
      seen.push(job);
      if (seen.length === count) {
        clearTimeout(timer);
        resolve(seen);
      }
      return Promise.resolve();
    });
  });
  return { ran, stop: () => stop() };
}

/** Registers the push part of the contract; `current` is the store of the running test. */
export function pushContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("push subscriptions", () => {
    test("put stores per endpoint id and lists per user, oldest first", async () => {
      const userId = unique("u");
      const first = subscription(userId, { createdAt: "2030-01-01T00:00:00.000Z" });
      const second = subscription(userId, {
        createdAt: "2030-01-02T00:00:00.000Z",
        device: "Phone",
      });
      await store.pushSubscriptions.put(second);
      await store.pushSubscriptions.put(first);
      expect(await store.pushSubscriptions.get(first.id)).toEqual(first);
      expect(await store.pushSubscriptions.listByUser(userId)).toEqual([first, second]);
      expect(await store.pushSubscriptions.listByUser(unique("u"))).toEqual([]);
    });

    test("subscribing an endpoint again as another user moves it to that user", async () => {
      const [a, b] = [unique("u"), unique("u")];
      const sub = subscription(a);
      await store.pushSubscriptions.put(sub);
      await store.pushSubscriptions.put({ ...sub, userId: b });
      expect(await store.pushSubscriptions.listByUser(a)).toEqual([]);
      expect((await store.pushSubscriptions.listByUser(b)).map((s) => s.id)).toEqual([sub.id]);
    });

    test("delete removes it from the user's list and reports whether it existed", async () => {
      const userId = unique("u");
      const sub = subscription(userId);
      await store.pushSubscriptions.put(sub);
      expect(await store.pushSubscriptions.delete(sub.id)).toBe(true);
      expect(await store.pushSubscriptions.delete(sub.id)).toBe(false);
      expect(await store.pushSubscriptions.get(sub.id)).toBeNull();
      expect(await store.pushSubscriptions.listByUser(userId)).toEqual([]);
    });

    test("setTags replaces the tags of an existing subscription only", async () => {
      const sub = subscription(unique("u"));
      await store.pushSubscriptions.put(sub);
      await store.pushSubscriptions.setTags(sub.id, ["ch:1", "ch:2"]);
      expect((await store.pushSubscriptions.get(sub.id))?.tags).toEqual(["ch:1", "ch:2"]);
      await store.pushSubscriptions.setTags(unique("gone"), ["ch:3"]);
      expect(await store.pushSubscriptions.get("gone")).toBeNull();
    });
  });

  describe("notification settings", () => {
    test("nothing is muted until set; set replaces", async () => {
      const userId = unique("u");
      expect(await store.notificationSettings.get(userId)).toEqual({
        userId,
        mutedGuildIds: [],
        mutedChannelIds: [],
        suppressEveryoneGuildIds: [],
      });
      const settings = {
        userId,
        mutedGuildIds: ["g1"],
        mutedChannelIds: ["c1", "c2"],
        suppressEveryoneGuildIds: ["g2"],
      };
      await store.notificationSettings.set(settings);
      expect(await store.notificationSettings.get(userId)).toEqual(settings);
      await store.notificationSettings.set({ ...settings, mutedChannelIds: [] });
      expect((await store.notificationSettings.get(userId)).mutedChannelIds).toEqual([]);
    });
  });

  describe("jobs", () => {
    test("every enqueued job runs with its kind, payload and attempt", async () => {
      const jobs = [0, 1, 2].map((i) => ({
        id: unique("job"),
        kind: "test",
        payload: JSON.stringify({ i }),
        attempt: i,
      }));
      const { ran, stop } = collect(store, 3);
      for (const job of jobs) await store.jobs.enqueue(job, 0);
      const seen = await ran;
      stop();
      const byId = (a: JobRecord, b: JobRecord) => a.id < b.id ? -1 : 1;
      expect([...seen].sort(byId)).toEqual([...jobs].sort(byId));
    });

    test("a delayed job runs after one enqueued later without delay", async () => {
      const late = { id: unique("late"), kind: "test", payload: "{}", attempt: 0 };
      const soon = { id: unique("soon"), kind: "test", payload: "{}", attempt: 0 };
      const { ran, stop } = collect(store, 2);
      await store.jobs.enqueue(late, 1500);
      await store.jobs.enqueue(soon, 0);
      const seen = await ran;
      stop();
      expect(seen.map((j) => j.id)).toEqual([soon.id, late.id]);
    });
  });

  describe("focus", () => {
    test("a user is focused while some holder's mark has not expired", async () => {
      const userId = unique("u");
      expect(await store.focus.anyFocused(userId, NOW)).toBe(false);
      await store.focus.set(userId, "i1", "2030-01-01T00:01:00.000Z");
      await store.focus.set(userId, "i2", "2030-01-01T00:05:00.000Z");
      expect(await store.focus.anyFocused(userId, NOW)).toBe(true);
      expect(await store.focus.anyFocused(userId, "2030-01-01T00:02:00.000Z")).toBe(true);
      await store.focus.clear(userId, "i2");
      expect(await store.focus.anyFocused(userId, "2030-01-01T00:02:00.000Z")).toBe(false);
      expect(await store.focus.anyFocused(unique("u"), NOW)).toBe(false);
    });
  });
}
