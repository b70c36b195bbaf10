import { expect, test } from "vitest";
import { type Session, useTestApp } from "../support/app.ts";
import { relationshipHelpers } from "./relationship_helpers.ts";

const ctx = useTestApp();

const { relationships, request, put, del, delivered } = relationshipHelpers(ctx);
const block = (from: Session, userId: string) => put(from, userId, { type: "blocked" });

async function friends(): Promise<[Session, Session]> {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  await request(alice, "bob");
  await ctx.c.request("PUT", `/users/@me/relationships/${alice.user.id}`, undefined, {
    token: bob.accessToken,
  });
  ctx.events = [];
  return [alice, bob];
}

test("blocking a friend ends the friendship; the blocked user only loses the relationship", async () => {
  const [alice, bob] = await friends();
  expect((await block(alice, bob.user.id)).status).toBe(204);
  expect(await relationships(alice)).toEqual([["bob", "blocked"]]);
  expect(await relationships(bob)).toEqual([]);
  expect(delivered()).toEqual([
    [[alice.user.id], "RELATIONSHIP_ADD", "bob", "blocked"],
    [[bob.user.id], "RELATIONSHIP_REMOVE", alice.user.id, undefined],
  ]);
});

test("blocking a stranger is not announced to them at all", async () => {
  const alice = await ctx.c.register("alice");
  const carol = await ctx.c.register("carol");
  ctx.events = [];
  expect((await block(alice, carol.user.id)).status).toBe(204);
  expect(delivered()).toEqual([[[alice.user.id], "RELATIONSHIP_ADD", "carol", "blocked"]]);
  expect(await relationships(carol)).toEqual([]);
});

test("blocking again changes nothing", async () => {
  const [alice, bob] = await friends();
  await block(alice, bob.user.id);
  delivered();
  expect((await block(alice, bob.user.id)).status).toBe(204);
  expect(delivered()).toEqual([]);
});

test("neither side of a block can send a friend request", async () => {
  const [alice, bob] = await friends();
  await block(alice, bob.user.id);
  delivered();
  for (const [from, to] of [[bob, "alice"], [alice, "bob"]] as const) {
    const res = await request(from, to);
    expect(res.status).toBe(403);
    expect(res.body.title).toBe("Cannot send a friend request to this user");
    expect(res.body.detail).not.toMatch(/alice|bob|you blocked|blocked you/i);
  }
  expect(await relationships(alice)).toEqual([["bob", "blocked"]]);
  expect(await relationships(bob)).toEqual([]);
  expect(delivered()).toEqual([]);
});

test("unblocking removes the block and lets requests flow again", async () => {
  const [alice, bob] = await friends();
  await block(alice, bob.user.id);
  delivered();
  expect((await del(alice, bob.user.id)).status).toBe(204);
  expect(await relationships(alice)).toEqual([]);
  expect(delivered()).toEqual([[[alice.user.id], "RELATIONSHIP_REMOVE", bob.user.id, undefined]]);
  expect((await request(bob, "alice")).status).toBe(204);
  expect(await relationships(alice)).toEqual([["bob", "incoming"]]);
});

test("when both block each other, one unblocking leaves the other's block in place", async () => {
  const [alice, bob] = await friends();
  await block(alice, bob.user.id);
  await block(bob, alice.user.id);
  expect(await relationships(alice)).toEqual([["bob", "blocked"]]);
  expect(await relationships(bob)).toEqual([["alice", "blocked"]]);
  delivered();
  await del(alice, bob.user.id);
  expect(await relationships(alice)).toEqual([]);
  expect(await relationships(bob)).toEqual([["alice", "blocked"]]);
  expect(delivered()).toEqual([[[alice.user.id], "RELATIONSHIP_REMOVE", bob.user.id, undefined]]);
  expect((await request(alice, "bob")).status).toBe(403);
});

test("the blocked user cannot remove or accept anything about their blocker", async () => {
  const [alice, bob] = await friends();
  await block(alice, bob.user.id);
  expect((await del(bob, alice.user.id)).status).toBe(404);
  const accept = await ctx.c.request(
    "PUT",
    `/users/@me/relationships/${alice.user.id}`,
    undefined,
    {
      token: bob.accessToken,
    },
  );
  expect(accept.status).toBe(404);
  expect(await relationships(alice)).toEqual([["bob", "blocked"]]);
});

test("blocking oneself is 400 and blocking an unknown user is 404", async () => {
  const alice = await ctx.c.register("alice");
  ctx.events = [];
  expect((await block(alice, alice.user.id)).status).toBe(400);
  const unknown = await block(alice, "01JH0000000000000000000000");
  expect(unknown.status).toBe(404);
  expect(await relationships(alice)).toEqual([]);
  expect(delivered()).toEqual([]);
});
