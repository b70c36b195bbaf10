/**
 * Deleting a channel or a server deletes its messages too: a durable job
 * on the store's queue purges them after the deletion answered.
 */
import { expect, test, vi } from "vitest";
import { PURGE_CHANNEL_JOB } from "../../server/messages/purge.ts";
import { useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** Waits for the purge job (it runs on the app's queue listener after the request). */
const eventually = (check: () => void | Promise<void>) =>
  vi.waitFor(check, { timeout: 10_000, interval: 20 });

/** Alice's server with a second text channel, and messages in both. */
async function setup() {
  const { c } = ctx;
  const alice = await c.register("alice");
  const opts = { token: alice.accessToken };
  const g = (await c.post("/guilds", { name: "Plans" }, opts)).body;
  const general = g.channels[0].id;
  const old = (await c.post(`/guilds/${g.id}/channels`, { name: "old", type: "text" }, opts)).body
    .id;
  const post = async (channelId: string, content: string) =>
    (await c.post(`/channels/${channelId}/messages`, { content, nonce: content }, opts)).body;
  const kept = await post(general, "launch on friday");
  const gone = [await post(old, "launch draft"), await post(old, "launch budget")];
  await c.request("PUT", `/channels/${old}/pins/${gone[0].id}`, undefined, opts);
  return { c, opts, g, general, old, kept, gone };
}

const launch = (guildId: string) =>
  ctx.t.store.messages.search({ guildId, words: ["launch"], limit: 10 });

test("deleting a channel deletes its messages, pins and search postings; other channels keep theirs", async () => {
  const { c, opts, g, general, old, kept } = await setup();
  expect((await launch(g.id)).total).toBe(3);

  expect((await c.request("DELETE", `/channels/${old}`, undefined, opts)).status).toBe(204);

  await eventually(async () => {
    expect(await ctx.t.store.messages.list(old, { limit: 10 })).toEqual([]);
  });
  expect(await ctx.t.store.messages.listPinned(old)).toEqual([]);
  const found = await launch(g.id);
  expect([found.total, found.messages.map((m) => m.id)]).toEqual([1, [kept.id]]);
  const history = await c.get(`/channels/${general}/messages`, opts);
  expect(history.body.map((m: { id: string }) => m.id)).toEqual([kept.id]);
});

test("deleting a server deletes the messages of every channel it had", async () => {
  const { c, opts, g, general, old } = await setup();
  expect((await c.request("DELETE", `/guilds/${g.id}`, undefined, opts)).status).toBe(204);
  await eventually(async () => {
    for (const channelId of [general, old]) {
      expect(await ctx.t.store.messages.list(channelId, { limit: 10 })).toEqual([]);
    }
    expect((await launch(g.id)).total).toBe(0);
  });
});

test("a purge job naming a channel that exists, or carrying a bad payload, deletes nothing", async () => {
  const { g, old } = await setup();
  const job = (payload: string) => ({
    id: crypto.randomUUID(),
    kind: PURGE_CHANNEL_JOB,
    payload,
    attempt: 0,
  });
  await ctx.t.store.jobs.enqueue(job(JSON.stringify({ channelId: "../../everything" })), 0);
  await ctx.t.store.jobs.enqueue(job(JSON.stringify({ channelId: old })), 0);
  await eventually(() => {
    const dropped = ctx.t.log.lines.filter((l) =>
      l.msg === "purge job with a bad payload dropped" ||
      l.msg === "purge job for a channel that exists dropped"
    );
    expect(dropped).toHaveLength(2);
  });
  expect((await ctx.t.store.messages.list(old, { limit: 10 })).length).toBe(2);
  expect((await launch(g.id)).total).toBe(3);
});
