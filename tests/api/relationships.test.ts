import { expect, test } from "vitest";
import { type Session, useTestApp } from "../support/app.ts";
import { relationshipHelpers } from "./relationship_helpers.ts";

const ctx = useTestApp();

const { relationships, request, put, del, delivered } = relationshipHelpers(ctx);

async function pair(): Promise<[Session, Session]> {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  ctx.events = [];
  return [alice, bob];
}

test("a friend request is outgoing for the sender and incoming for the receiver, live", async () => {
  const [alice, bob] = await pair();
  expect((await request(alice, "BOB")).status).toBe(204);
  expect(await relationships(alice)).toEqual([["bob", "outgoing"]]);
  expect(await relationships(bob)).toEqual([["alice", "incoming"]]);
  expect(delivered()).toEqual([
    [[alice.user.id], "RELATIONSHIP_ADD", "bob", "outgoing"],
    [[bob.user.id], "RELATIONSHIP_ADD", "alice", "incoming"],
  ]);
});

test("relationships show the other user publicly, never an e-mail", async () => {
  const [alice] = await pair();
  await request(alice, "bob");
  const res = await ctx.c.get("/users/@me/relationships", { token: alice.accessToken });
  expect(Object.keys(res.body[0].user).sort()).toEqual(["avatar", "displayName", "id", "username"]);
});

test("accepting an incoming request makes both friends and tells both", async () => {
  const [alice, bob] = await pair();
  await request(alice, "bob");
  delivered();
  expect((await put(bob, alice.user.id)).status).toBe(204);
  expect(await relationships(alice)).toEqual([["bob", "friend"]]);
  expect(await relationships(bob)).toEqual([["alice", "friend"]]);
  expect(delivered()).toEqual([
    [[bob.user.id], "RELATIONSHIP_ADD", "alice", "friend"],
    [[alice.user.id], "RELATIONSHIP_ADD", "bob", "friend"],
  ]);
});

test("accepting when there is no incoming request is 404 and changes nothing", async () => {
  const [alice, bob] = await pair();
  expect((await put(bob, alice.user.id)).status).toBe(404);
  await request(alice, "bob");
  delivered();
  const res = await put(alice, bob.user.id); // one's own outgoing request
  expect(res.status).toBe(404);
  expect(res.body.type).toBe("not_found");
  expect(await relationships(alice)).toEqual([["bob", "outgoing"]]);
  expect(delivered()).toEqual([]);
});

test("requesting someone who already requested you makes you friends", async () => {
  const [alice, bob] = await pair();
  await request(alice, "bob");
  delivered();
  expect((await request(bob, "alice")).status).toBe(204);
  expect(await relationships(alice)).toEqual([["bob", "friend"]]);
  expect(await relationships(bob)).toEqual([["alice", "friend"]]);
  expect(delivered()).toEqual([
    [[bob.user.id], "RELATIONSHIP_ADD", "alice", "friend"],
    [[alice.user.id], "RELATIONSHIP_ADD", "bob", "friend"],
  ]);
});

test("repeating a request or requesting a friend is a no-op 204", async () => {
  const [alice, bob] = await pair();
  await request(alice, "bob");
  delivered();
  expect((await request(alice, "bob")).status).toBe(204);
  expect(delivered()).toEqual([]);
  await put(bob, alice.user.id);
  delivered();
  expect((await request(alice, "bob")).status).toBe(204);
  expect((await request(bob, "alice")).status).toBe(204);
  expect((await put(bob, alice.user.id)).status).toBe(204);
  expect(await relationships(alice)).toEqual([["bob", "friend"]]);
  expect(delivered()).toEqual([]);
});

test("requesting oneself is 400 and an unknown username is 404", async () => {
  const [alice] = await pair();
  const self = await request(alice, "alice");
  expect(self.status).toBe(400);
  expect(self.body.title).toBe("Cannot send a friend request to yourself");
  const unknown = await request(alice, "nobody");
  expect(unknown.status).toBe(404);
  expect(unknown.body.type).toBe("not_found");
  expect(await relationships(alice)).toEqual([]);
  expect(delivered()).toEqual([]);
});

test("declining an incoming request removes it for both sides", async () => {
  const [alice, bob] = await pair();
  await request(alice, "bob");
  delivered();
  expect((await del(bob, alice.user.id)).status).toBe(204);
  expect(await relationships(alice)).toEqual([]);
  expect(await relationships(bob)).toEqual([]);
  expect(delivered()).toEqual([
    [[bob.user.id], "RELATIONSHIP_REMOVE", alice.user.id, undefined],
    [[alice.user.id], "RELATIONSHIP_REMOVE", bob.user.id, undefined],
  ]);
});

test("cancelling an outgoing request removes it for both sides", async () => {
  const [alice, bob] = await pair();
  await request(alice, "bob");
  delivered();
  expect((await del(alice, bob.user.id)).status).toBe(204);
  expect(await relationships(bob)).toEqual([]);
  expect(delivered()).toEqual([
    [[alice.user.id], "RELATIONSHIP_REMOVE", bob.user.id, undefined],
    [[bob.user.id], "RELATIONSHIP_REMOVE", alice.user.id, undefined],
  ]);
});

test("unfriending ends the friendship for both, and a new request starts over", async () => {
  const [alice, bob] = await pair();
  await request(alice, "bob");
  await put(bob, alice.user.id);
  delivered();
  expect((await del(bob, alice.user.id)).status).toBe(204);
  expect(await relationships(alice)).toEqual([]);
  expect(await relationships(bob)).toEqual([]);
  expect(delivered()).toHaveLength(2);
  await request(alice, "bob");
  expect(await relationships(bob)).toEqual([["alice", "incoming"]]);
});

test("deleting a relationship that does not exist is 404", async () => {
  const [alice, bob] = await pair();
  const res = await del(alice, bob.user.id);
  expect(res.status).toBe(404);
  expect(res.body.type).toBe("not_found");
  expect(delivered()).toEqual([]);
});
