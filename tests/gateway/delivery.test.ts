import { afterEach, beforeEach, expect, test } from "vitest";
import {
  type Account,
  barrier,
  guildWith,
  join,
  say,
  startServer,
  type TestServer,
} from "./server.ts";

let s: TestServer;
let alice: Account, bob: Account, carol: Account;

beforeEach(async () => {
  s = await startServer();
  [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => s.register(n)));
});

afterEach(() => s.close());

test("a message reaches the guild's members and never a non-member", async () => {
  const { channelId } = await guildWith(s, alice, [bob]);
  const a = await s.connect(alice.accessToken);
  const b = await s.connect(bob.accessToken);
  const c = await s.connect(carol.accessToken);
  const sent = await say(s, alice, channelId, "hello guild");
  const seenByBob = await b.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
  expect(seenByBob.d).toMatchObject({ content: "hello guild", author: { id: alice.user.id } });
  await a.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
  await barrier(s, carol.user.id, c.socket);
  expect(c.socket.dispatches("MESSAGE_CREATE")).toEqual([]);
});

test("dispatches carry increasing sequence numbers per session", async () => {
  const { channelId } = await guildWith(s, alice, [bob]);
  const b = await s.connect(bob.accessToken);
  for (const text of ["one", "two", "three"]) await say(s, alice, channelId, text);
  await b.socket.dispatch("MESSAGE_CREATE", (d) => d.content === "three");
  const seqs = b.socket.dispatches().map((f) => f.s);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
});

test("events for listed users reach only those users, and exceptSessionId skips one session", async () => {
  const b1 = await s.connect(bob.accessToken);
  const b2 = await s.connect(bob.accessToken);
  const c = await s.connect(carol.accessToken);
  await s.services.bus.publish({
    t: "READ_STATE_UPDATE",
    d: { channelId: "x", lastReadId: null, mentionCount: 0 },
    to: { userIds: [bob.user.id] },
    exceptSessionId: b1.ready.sessionId,
  });
  await b2.socket.dispatch("READ_STATE_UPDATE");
  await barrier(s, bob.user.id, b1.socket);
  await barrier(s, carol.user.id, c.socket);
  expect(b1.socket.dispatches("READ_STATE_UPDATE")).toEqual([]);
  expect(c.socket.dispatches("READ_STATE_UPDATE")).toEqual([]);
});

test("a kicked member gets GUILD_DELETE and nothing of the guild afterwards", async () => {
  const { guildId, channelId } = await guildWith(s, alice, [bob, carol]);
  const b = await s.connect(bob.accessToken);
  const c = await s.connect(carol.accessToken);
  await s.api("DELETE", `/guilds/${guildId}/members/${bob.user.id}`, undefined, alice.accessToken);
  await b.socket.dispatch("GUILD_DELETE", (d) => d.id === guildId);
  await c.socket.dispatch("GUILD_MEMBER_REMOVE", (d) => d.user.id === bob.user.id);
  const after = await say(s, alice, channelId, "bob is gone");
  await c.socket.dispatch("MESSAGE_CREATE", (d) => d.id === after.id);
  await barrier(s, bob.user.id, b.socket);
  expect(b.socket.dispatches("MESSAGE_CREATE")).toEqual([]);
  expect(b.socket.dispatches("GUILD_MEMBER_REMOVE")).toEqual([]);
});

test("a member who leaves stops receiving the guild at once", async () => {
  const { guildId, channelId } = await guildWith(s, alice, [bob]);
  const b = await s.connect(bob.accessToken);
  const before = await say(s, alice, channelId, "still here?");
  await b.socket.dispatch("MESSAGE_CREATE", (d) => d.id === before.id);
  await s.api("DELETE", `/guilds/${guildId}/members/${bob.user.id}`, undefined, bob.accessToken);
  await say(s, alice, channelId, "after leaving");
  await barrier(s, bob.user.id, b.socket);
  expect(b.socket.dispatches("MESSAGE_CREATE").map((f) => f.d.content)).toEqual(["still here?"]);
});

test("a connected user who joins gets GUILD_CREATE, then the guild's events", async () => {
  const { guildId, channelId } = await guildWith(s, alice, []);
  const c = await s.connect(carol.accessToken);
  expect(c.ready.guilds).toEqual([]);
  await join(s, guildId, alice, carol);
  const created = await c.socket.dispatch("GUILD_CREATE", (d) => d.id === guildId);
  const sent = await say(s, alice, channelId, "welcome carol");
  const got = await c.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
  expect(got.s).toBeGreaterThan(created.s!);
});

test("a user with two sockets gets every event on both", async () => {
  const { channelId } = await guildWith(s, alice, [bob]);
  const b1 = await s.connect(bob.accessToken);
  const b2 = await s.connect(bob.accessToken);
  const sent = await say(s, alice, channelId, "twice");
  await b1.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
  await b2.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
});
