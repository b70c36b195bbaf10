import { afterEach, beforeEach, expect, test } from "vitest";
import { Permission } from "../../server/permissions/bits.ts";
import { localBus } from "../../server/realtime/bus.ts";
import type { Store } from "../../server/store/port.ts";
import { GatewaySocket } from "../support/gateway_client.ts";
import {
  type Account,
  barrier,
  guildWith,
  memoryStore,
  say,
  startServer,
  type TestServer,
} from "./server.ts";

let store: Store;
let a: TestServer, b: TestServer;
let alice: Account, bob: Account, carol: Account;

beforeEach(async () => {
  // Two instances behind one load balancer: one database, one bus.
  store = await memoryStore();
  const bus = localBus();
  a = await startServer({ store, bus });
  b = await startServer({ store, bus });
  alice = await a.register("alice");
  bob = await b.register("bob");
  carol = await a.register("carol");
});

afterEach(async () => {
  await a.close();
  await b.close();
  await store.close();
});

test("a message sent through instance A's REST reaches a socket on instance B", async () => {
  const { channelId } = await guildWith(a, alice, [bob]);
  const onB = await b.connect(bob.accessToken);
  const sent = await say(a, alice, channelId, "across instances");
  const got = await onB.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
  expect(got.d.content).toBe("across instances");
});

test("a non-member on B never gets the guild's events sent through A", async () => {
  const { channelId } = await guildWith(a, alice, [bob]);
  const bobOnB = await b.connect(bob.accessToken);
  const carolOnB = await b.connect(carol.accessToken);
  const sent = await say(a, alice, channelId, "members only");
  await bobOnB.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
  await barrier(b, carol.user.id, carolOnB.socket);
  expect(carolOnB.socket.dispatches("MESSAGE_CREATE")).toEqual([]);
});

test("presence is the same on both instances and crosses between them", async () => {
  await guildWith(a, alice, [bob]);
  const aliceOnA = await a.connect(alice.accessToken);
  const bobOnB = await b.connect(bob.accessToken);
  await aliceOnA.socket.dispatch("PRESENCE_UPDATE", (d) => d.userId === bob.user.id);
  expect(a.services.presence.status(bob.user.id)).toBe("online");
  expect(b.services.presence.status(alice.user.id)).toBe("online");
  // Bob also connects on A, then leaves B: still online everywhere.
  const bobOnA = await a.connect(bob.accessToken);
  await bobOnB.socket.close();
  await barrier(a, alice.user.id, aliceOnA.socket);
  expect(a.services.presence.status(bob.user.id)).toBe("online");
  bobOnA.socket.send({ op: "presence_update", d: { status: "dnd" } });
  await aliceOnA.socket.dispatch("PRESENCE_UPDATE", (d) => d.status === "dnd");
  expect(b.services.presence.status(bob.user.id)).toBe("dnd");
  await bobOnA.socket.close();
  await aliceOnA.socket.dispatch("PRESENCE_UPDATE", (d) => d.status === "offline");
  expect(b.services.presence.status(bob.user.id)).toBe("offline");
});

test("ready on one instance lists members online on the other", async () => {
  await guildWith(a, alice, [bob]);
  await b.connect(bob.accessToken);
  const { ready } = await a.connect(alice.accessToken);
  expect(ready.presences).toEqual([{ userId: bob.user.id, status: "online" }]);
});

test("an instance that stops takes its users offline on the others", async () => {
  await guildWith(a, alice, [bob]);
  const aliceOnA = await a.connect(alice.accessToken);
  await b.connect(bob.accessToken);
  await aliceOnA.socket.dispatch("PRESENCE_UPDATE", (d) => d.status === "online");
  await b.services.gateway.stop();
  await aliceOnA.socket.dispatch("PRESENCE_UPDATE", (d) => d.status === "offline");
  expect(a.services.presence.status(bob.user.id)).toBe("offline");
});

test("a session started on one instance cannot be resumed on the other", async () => {
  const onA = await a.connect(bob.accessToken);
  await onA.socket.close();
  const socket = await GatewaySocket.connect(b.wsUrl);
  socket.send({
    op: "resume",
    d: { token: bob.accessToken, sessionId: onA.ready.sessionId, seq: 0 },
  });
  await socket.waitFor((f) => f.op === "invalid_session");
  expect((await socket.identify(bob.accessToken)).user.id).toBe(bob.user.id);
  await socket.close();
});

// Each instance caches the records its access checks read (server/store/read_cache.ts):
// a change made through one instance must bind on the other at once.

test("a member kicked through A can no longer post through B", async () => {
  const { guildId, channelId } = await guildWith(a, alice, [bob]);
  await say(b, bob, channelId, "B has read my membership");
  await a.api("DELETE", `/guilds/${guildId}/members/${bob.user.id}`, undefined, alice.accessToken);
  await expect(say(b, bob, channelId, "still here?")).rejects.toThrow(/→ 404/);
});

test("a channel permission taken and given back through A binds on B at once", async () => {
  const { channelId } = await guildWith(a, alice, [bob]);
  await say(b, bob, channelId, "B has read the channel");
  const overwrite = `/channels/${channelId}/permissions/${bob.user.id}`;
  const deny = { type: "member", allow: "0", deny: String(Permission.SEND_MESSAGES) };
  await a.api("PUT", overwrite, deny, alice.accessToken);
  await expect(say(b, bob, channelId, "muted?")).rejects.toThrow(/→ 403/);
  await a.api("DELETE", overwrite, undefined, alice.accessToken);
  expect((await say(b, bob, channelId, "back")).content).toBe("back");
});

test("a timeout given through A silences the member on B at once", async () => {
  const { guildId, channelId } = await guildWith(a, alice, [bob]);
  await say(b, bob, channelId, "B has read my membership");
  const timeoutUntil = new Date(Date.now() + 60_000).toISOString();
  const member = `/guilds/${guildId}/members/${bob.user.id}`;
  await a.api("PATCH", member, { timeoutUntil }, alice.accessToken);
  await expect(say(b, bob, channelId, "quiet?")).rejects.toThrow(/→ 403 .*timed out/);
});

test("a logout through A refuses the session on B at once and closes its socket there", async () => {
  const { channelId } = await guildWith(a, alice, [bob]);
  const login = await fetch(`${a.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: "bob", password: "password123" }),
  });
  const { accessToken } = await login.json();
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  expect((await b.api("GET", "/users/@me", undefined, accessToken)).username).toBe("bob");
  const laptop = await b.connect(accessToken);
  const phone = await b.connect(bob.accessToken);
  const logout = await fetch(`${a.url}/api/v1/auth/logout`, {
    method: "POST",
    headers: { cookie },
  });
  expect(logout.status).toBe(204);
  await expect(b.api("GET", "/users/@me", undefined, accessToken)).rejects.toThrow(/→ 401/);
  expect(await laptop.socket.closedBy()).toMatchObject({ code: 4004 });
  // Bob's other login (from registering) is untouched, its socket too.
  expect((await b.api("GET", "/users/@me", undefined, bob.accessToken)).username).toBe("bob");
  const sent = await say(a, alice, channelId, "still there?");
  await phone.socket.dispatch("MESSAGE_CREATE", (d) => d.id === sent.id);
});
