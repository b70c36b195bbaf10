import { expect, test } from "vitest";
import { manualClock } from "../clock.ts";
import { memoryLogger } from "../log.ts";
import { kvStore } from "../store/kv/mod.ts";
import { FocusBoard } from "./focus.ts";

async function twoInstances() {
  const store = kvStore(await Deno.openKv(":memory:"));
  const clock = manualClock(Date.now());
  const board = (instanceId: string) =>
    new FocusBoard({ store: store.focus, clock, log: memoryLogger(), instanceId, ttlMs: 60_000 });
  return { store, clock, a: board("a"), b: board("b") };
}

test("a user focused on one instance counts as focused on the others", async () => {
  const { store, a, b } = await twoInstances();
  await a.set("u1", "s1", true);
  expect(await b.hasFocusedClient("u1")).toBe(true);
  expect(await b.hasFocusedClient("u2")).toBe(false);
  await a.set("u1", "s1", false);
  expect(await b.hasFocusedClient("u1")).toBe(false);
  await store.close();
});

test("the user stays focused until the last focused session blurs", async () => {
  const { store, a, b } = await twoInstances();
  await a.set("u1", "s1", true);
  await a.set("u1", "s2", true);
  await a.set("u1", "s1", false);
  expect(await b.hasFocusedClient("u1")).toBe(true);
  await a.set("u1", "s2", false);
  expect(await b.hasFocusedClient("u1")).toBe(false);
  await store.close();
});

test("the mark of an instance that stopped refreshing expires", async () => {
  const { store, clock, a, b } = await twoInstances();
  await a.set("u1", "s1", true);
  clock.advance(61_000);
  expect(await b.hasFocusedClient("u1")).toBe(false);
  await store.close();
});
