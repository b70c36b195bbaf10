import { expect, test } from "vitest";
import type { Channel } from "../../server/wire/types.ts";
import { type Session, useTestApp } from "../support/app.ts";

const ctx = useTestApp();

const open = (from: Session, recipientId: string) =>
  ctx.c.post("/users/@me/channels", { recipientId }, { token: from.accessToken });
const dms = async (s: Session): Promise<Channel[]> =>
  (await ctx.c.get("/users/@me/channels", { token: s.accessToken })).body;
const usernames = (ch: Channel) => ch.recipients?.map((u) => u.username);

async function pair(): Promise<[Session, Session]> {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  ctx.events = [];
  return [alice, bob];
}

test("opening a DM returns a dm channel whose recipients are the other user only", async () => {
  const [alice, bob] = await pair();
  const res = await open(alice, bob.user.id);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ type: "dm", guildId: null, lastMessageId: null });
  expect(usernames(res.body)).toEqual(["bob"]);
  expect(Object.keys(res.body.recipients[0]).sort()).toEqual([
    "avatar",
    "displayName",
    "id",
    "username",
  ]);
});

test("the pair has one DM: the same channel every time and from either side", async () => {
  const [alice, bob] = await pair();
  const first = (await open(alice, bob.user.id)).body;
  const again = (await open(alice, bob.user.id)).body;
  const theirs = (await open(bob, alice.user.id)).body;
  expect(again.id).toBe(first.id);
  expect(theirs.id).toBe(first.id);
  expect(usernames(theirs)).toEqual(["alice"]);
  expect((await dms(alice)).map((ch) => ch.id)).toEqual([first.id]);
  expect((await dms(bob)).map(usernames)).toEqual([["alice"]]);
});

test("concurrent opens by both users create one DM and announce it once", async () => {
  const [alice, bob] = await pair();
  const results = await Promise.all(
    Array.from(
      { length: 6 },
      (_, i) => i % 2 ? open(alice, bob.user.id) : open(bob, alice.user.id),
    ),
  );
  expect(results.every((r) => r.status === 200)).toBe(true);
  expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  expect(await dms(alice)).toHaveLength(1);
  expect(ctx.events.filter((e) => e.t === "CHANNEL_CREATE")).toHaveLength(2);
});

test("the first open tells each user of the new DM with their own view of it", async () => {
  const [alice, bob] = await pair();
  const channel = (await open(alice, bob.user.id)).body;
  const created = ctx.events.filter((e) => e.t === "CHANNEL_CREATE").map((e) => [
    (e.to as { userIds: string[] }).userIds,
    (e.d as Channel).id,
    usernames(e.d as Channel),
  ]);
  expect(created.sort()).toEqual([
    [[alice.user.id], channel.id, ["bob"]],
    [[bob.user.id], channel.id, ["alice"]],
  ].sort());
  ctx.events = [];
  await open(bob, alice.user.id);
  expect(ctx.events).toEqual([]);
});

test("GET /users/@me/channels lists one's DMs only", async () => {
  const [alice, bob] = await pair();
  const carol = await ctx.c.register("carol");
  await open(alice, bob.user.id);
  await open(carol, alice.user.id);
  await open(bob, carol.user.id);
  expect((await dms(alice)).map(usernames).sort()).toEqual([["bob"], ["carol"]]);
  expect((await dms(carol)).map(usernames).sort()).toEqual([["alice"], ["bob"]]);
  const dave = await ctx.c.register("dave");
  expect(await dms(dave)).toEqual([]);
});

test("a DM cannot be opened with oneself (400) or an unknown user (404)", async () => {
  const [alice] = await pair();
  expect((await open(alice, alice.user.id)).status).toBe(400);
  const unknown = await open(alice, "01JH0000000000000000000000");
  expect(unknown.status).toBe(404);
  expect(unknown.body.type).toBe("not_found");
  expect(await dms(alice)).toEqual([]);
  expect(ctx.events).toEqual([]);
});

test("blocked users cannot open a DM in either direction, even an existing one", async () => {
  const [alice, bob] = await pair();
  await open(alice, bob.user.id);
  await ctx.c.request("PUT", `/users/@me/relationships/${bob.user.id}`, { type: "blocked" }, {
    token: alice.accessToken,
  });
  for (const [from, to] of [[alice, bob], [bob, alice]] as const) {
    const res = await open(from, to.user.id);
    expect(res.status).toBe(403);
    expect(res.body.title).toBe("Cannot open a direct message with this user");
  }
  const carol = await ctx.c.register("carol");
  await ctx.c.request("PUT", `/users/@me/relationships/${carol.user.id}`, { type: "blocked" }, {
    token: alice.accessToken,
  });
  ctx.events = [];
  expect((await open(carol, alice.user.id)).status).toBe(403);
  expect(await dms(carol)).toEqual([]);
  expect(ctx.events).toEqual([]);
});

test("the service tells whether either user blocked the other", async () => {
  const [alice, bob] = await pair();
  const rel = ctx.t.services.relationships;
  expect(await rel.isBlocked(alice.user.id, bob.user.id)).toBe(false);
  await rel.block(bob.user.id, alice.user.id);
  expect(await rel.isBlocked(alice.user.id, bob.user.id)).toBe(true);
  expect(await rel.isBlocked(bob.user.id, alice.user.id)).toBe(true);
  await rel.remove(bob.user.id, alice.user.id);
  expect(await rel.isBlocked(alice.user.id, bob.user.id)).toBe(false);
});
