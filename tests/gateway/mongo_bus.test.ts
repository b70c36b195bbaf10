/**
 * The MongoDB bus against a real replica set. MongoDB cannot be installed
 * on the project's build machines, so without MONGODB_URI this suite is
 * skipped, loudly, never faked.
 */
import { afterEach, describe, expect, test } from "vitest";
import { memoryLogger } from "../../server/log.ts";
import type { Bus, BusEvent } from "../../server/realtime/bus.ts";
import { mongoBus } from "../../server/realtime/mongo_bus.ts";
import { guildWith, memoryStore, say, startServer } from "./server.ts";

const uri = Deno.env.get("MONGODB_URI");
if (!uri) {
  console.warn(
    "SKIPPED tests/gateway/mongo_bus.test.ts: MONGODB_URI is not set " +
      "(needs a MongoDB replica set for change streams)",
  );
}

describe.skipIf(!uri)("MongoDB bus", () => {
  const dbName = `chat_bus_test_${crypto.randomUUID().slice(0, 8)}`;
  const open: Bus[] = [];
  const bus = async (instanceId: string) => {
    const b = await mongoBus({ uri: uri!, dbName, log: memoryLogger(), instanceId });
    open.push(b);
    return b;
  };
  const received = (b: Bus) => {
    const events: BusEvent[] = [];
    b.subscribe((e) => events.push(e));
    return events;
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(check()).toBe(true);
  };

  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });

  test("an event published on one instance reaches the other once, and its own at once", async () => {
    const one = await bus("one");
    const two = await bus("two");
    const onOne = received(one);
    const onTwo = received(two);
    const event: BusEvent = { t: "USER_UPDATE", d: { id: "u1" }, to: { userIds: ["u1"] } };
    await one.publish(event);
    expect(onOne).toEqual([event]);
    await until(() => onTwo.length === 1);
    expect(onTwo).toEqual([event]);
    await two.publish({ ...event, d: { id: "u2" } });
    await until(() => onOne.length === 2);
    expect(onOne.map((e) => e.d)).toEqual([{ id: "u1" }, { id: "u2" }]);
  });

  test("events keep their order across instances", async () => {
    const one = await bus("one");
    const two = await bus("two");
    const onTwo = received(two);
    for (let i = 0; i < 20; i++) {
      await one.publish({ t: "USER_UPDATE", d: { i }, to: { userIds: ["u"] } });
    }
    await until(() => onTwo.length === 20);
    expect(onTwo.map((e) => (e.d as { i: number }).i)).toEqual([...Array(20).keys()]);
  });

  test("a message sent through A's REST reaches a socket on B over the MongoDB bus", async () => {
    const store = await memoryStore();
    const a = await startServer({ store, bus: await bus("a") });
    const b = await startServer({ store, bus: await bus("b") });
    try {
      const alice = await a.register("alice");
      const bob = await a.register("bob");
      const { channelId } = await guildWith(a, alice, [bob]);
      const onB = await b.connect(bob.accessToken);
      const sent = await say(a, alice, channelId, "over mongo");
      await onB.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
    } finally {
      await a.close();
      await b.close();
      await store.close();
    }
  });
});
