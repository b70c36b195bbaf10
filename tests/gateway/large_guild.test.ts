import { afterEach, beforeEach, expect, test } from "vitest";
import { type Account, barrier, guildWith, join, startServer, type TestServer } from "./server.ts";

// A threshold of 2 members stands in for the default 250, so a guild of 3 is large.
let s: TestServer;
let alice: Account, bob: Account, carol: Account;

beforeEach(async () => {
  s = await startServer({ gateway: { largeGuildThreshold: 2 } });
  [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => s.register(n)));
});

afterEach(() => s.close());

async function befriend(a: Account, b: Account) {
  await s.api("POST", "/users/@me/relationships", { username: b.user.username }, a.accessToken);
  await s.api("PUT", `/users/@me/relationships/${a.user.id}`, undefined, b.accessToken);
}

test("in a large guild, ready lists only friends' presence and changes reach only friends", async () => {
  const { guildId } = await guildWith(s, alice, [bob, carol]);
  await befriend(alice, carol);
  const b = await s.connect(bob.accessToken);
  const c = await s.connect(carol.accessToken);
  const { socket, ready } = await s.connect(alice.accessToken);
  expect(ready.presences).toEqual([{ userId: carol.user.id, status: "online" }]);

  b.socket.send({ op: "presence_update", d: { status: "dnd" } });
  c.socket.send({ op: "presence_update", d: { status: "idle" } });
  await socket.dispatch("PRESENCE_UPDATE", (d) => d.userId === carol.user.id);
  await barrier(s, bob.user.id, b.socket);
  await barrier(s, alice.user.id, socket);
  expect(socket.dispatches("PRESENCE_UPDATE").map((f) => f.d)).toEqual([
    { userId: carol.user.id, status: "idle" },
  ]);
  // The member list still shows everyone's status.
  const members = await s.api("GET", `/guilds/${guildId}/members`, undefined, alice.accessToken);
  const bobs = members.find((m: { user: { id: string } }) => m.user.id === bob.user.id);
  expect(bobs.status).toBe("dnd");
});

test("a guild stops getting presence updates once it grows past the threshold", async () => {
  const { guildId } = await guildWith(s, alice, [bob]);
  const a = await s.connect(alice.accessToken);
  const b = await s.connect(bob.accessToken);
  await a.socket.dispatch("PRESENCE_UPDATE", (d) => d.userId === bob.user.id);
  await join(s, guildId, alice, carol);
  await a.socket.dispatch("GUILD_MEMBER_ADD", (d) => d.user.id === carol.user.id);
  const from = a.socket.frames.length;
  b.socket.send({ op: "presence_update", d: { status: "idle" } });
  await barrier(s, bob.user.id, b.socket);
  await barrier(s, alice.user.id, a.socket);
  expect(a.socket.frames.slice(from).filter((f) => f.t === "PRESENCE_UPDATE")).toEqual([]);
});

test("a guild at the threshold is small: its members' presence is listed and dispatched", async () => {
  await guildWith(s, alice, [bob]);
  const b = await s.connect(bob.accessToken);
  const { socket, ready } = await s.connect(alice.accessToken);
  expect(ready.presences).toEqual([{ userId: bob.user.id, status: "online" }]);
  b.socket.send({ op: "presence_update", d: { status: "dnd" } });
  await socket.dispatch("PRESENCE_UPDATE", (d) => d.userId === bob.user.id && d.status === "dnd");
});
