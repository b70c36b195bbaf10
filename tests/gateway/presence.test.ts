import { afterEach, beforeEach, expect, test } from "vitest";
import { type Account, barrier, guildWith, startServer, type TestServer } from "./server.ts";

let s: TestServer;
let alice: Account, bob: Account;

beforeEach(async () => {
  s = await startServer();
  [alice, bob] = await Promise.all(["alice", "bob"].map((n) => s.register(n)));
});

afterEach(() => s.close());

function statusesOf(frames: { d?: { userId: string; status: string } }[], userId: string) {
  return frames.filter((f) => f.d?.userId === userId).map((f) => f.d!.status);
}

test("a member sees another go online, idle, invisible (offline), online and offline", async () => {
  const { guildId } = await guildWith(s, alice, [bob]);
  const a = await s.connect(alice.accessToken);
  const b = await s.connect(bob.accessToken);
  const seen = (status: string, from = 0) =>
    a.socket.dispatch(
      "PRESENCE_UPDATE",
      (d) => d.userId === bob.user.id && d.status === status,
      from,
    );
  await seen("online");
  const members = await s.api("GET", `/guilds/${guildId}/members`, undefined, alice.accessToken);
  expect(members.find((m: { user: { id: string } }) => m.user.id === bob.user.id).status)
    .toBe("online");
  b.socket.send({ op: "presence_update", d: { status: "idle" } });
  await seen("idle");
  expect(s.services.presence.status(bob.user.id)).toBe("idle");
  b.socket.send({ op: "presence_update", d: { status: "invisible" } });
  await seen("offline");
  expect(s.services.presence.status(bob.user.id)).toBe("offline");
  let from = a.socket.frames.length;
  b.socket.send({ op: "presence_update", d: { status: "online" } });
  await seen("online", from);
  from = a.socket.frames.length;
  await b.socket.close();
  await seen("offline", from);
  expect(statusesOf(a.socket.dispatches("PRESENCE_UPDATE"), bob.user.id))
    .toEqual(["online", "idle", "offline", "online", "offline"]);
  expect(s.services.presence.status(bob.user.id)).toBe("offline");
});

test("ready lists the members and friends who are online, not the offline or invisible", async () => {
  const carol = await s.register("carol");
  const dave = await s.register("dave");
  await guildWith(s, alice, [bob, carol]);
  await s.api("POST", "/users/@me/relationships", { username: "dave" }, alice.accessToken);
  await s.api("PUT", `/users/@me/relationships/${alice.user.id}`, undefined, dave.accessToken);
  const b = await s.connect(bob.accessToken);
  const c = await s.connect(carol.accessToken);
  c.socket.send({ op: "presence_update", d: { status: "invisible" } });
  const d = await s.connect(dave.accessToken);
  d.socket.send({ op: "presence_update", d: { status: "dnd" } });
  await barrier(s, dave.user.id, d.socket);
  await barrier(s, carol.user.id, c.socket);
  const { ready } = await s.connect(alice.accessToken);
  const presences = [...ready.presences].sort((x, y) => x.userId.localeCompare(y.userId));
  expect(presences).toEqual(
    [{ userId: bob.user.id, status: "online" }, { userId: dave.user.id, status: "dnd" }]
      .sort((x, y) => x.userId.localeCompare(y.userId)),
  );
  await b.socket.close();
});

test("a friend outside any shared guild sees presence changes", async () => {
  await s.api("POST", "/users/@me/relationships", { username: "bob" }, alice.accessToken);
  const a = await s.connect(alice.accessToken);
  await s.api("PUT", `/users/@me/relationships/${alice.user.id}`, undefined, bob.accessToken);
  await a.socket.dispatch("RELATIONSHIP_ADD", (d) => d.type === "friend");
  const b = await s.connect(bob.accessToken);
  await a.socket.dispatch("PRESENCE_UPDATE", (d) => d.userId === bob.user.id);
  await b.socket.close();
  await a.socket.dispatch(
    "PRESENCE_UPDATE",
    (d) => d.userId === bob.user.id && d.status === "offline",
  );
});

test("closing one of two sockets keeps the user online", async () => {
  await guildWith(s, alice, [bob]);
  const a = await s.connect(alice.accessToken);
  const b1 = await s.connect(bob.accessToken);
  const b2 = await s.connect(bob.accessToken);
  await b1.socket.close();
  await barrier(s, alice.user.id, a.socket);
  expect(statusesOf(a.socket.dispatches("PRESENCE_UPDATE"), bob.user.id)).toEqual(["online"]);
  expect(s.services.presence.status(bob.user.id)).toBe("online");
  await b2.socket.close();
  await a.socket.dispatch("PRESENCE_UPDATE", (d) => d.status === "offline");
});

test("a user who is not a member or friend never sees the presence", async () => {
  const carol = await s.register("carol");
  await guildWith(s, alice, [bob]);
  const c = await s.connect(carol.accessToken);
  const b = await s.connect(bob.accessToken);
  b.socket.send({ op: "presence_update", d: { status: "dnd" } });
  await b.socket.close();
  await barrier(s, carol.user.id, c.socket);
  expect(c.socket.dispatches("PRESENCE_UPDATE")).toEqual([]);
});

test("above the fan-out limit a guild gets no presence updates, friends still do", async () => {
  const big = await startServer({ gateway: { largeGuildThreshold: 1 } });
  try {
    const [x, y, z] = await Promise.all(["xavier", "yvonne", "zoe"].map((n) => big.register(n)));
    await guildWith(big, x, [y, z]);
    await big.api("POST", "/users/@me/relationships", { username: "zoe" }, x.accessToken);
    await big.api("PUT", `/users/@me/relationships/${x.user.id}`, undefined, z.accessToken);
    const ys = await big.connect(y.accessToken);
    const zs = await big.connect(z.accessToken);
    await big.connect(x.accessToken);
    await zs.socket.dispatch("PRESENCE_UPDATE", (d) => d.userId === x.user.id);
    await barrier(big, y.user.id, ys.socket);
    expect(ys.socket.dispatches("PRESENCE_UPDATE")).toEqual([]);
  } finally {
    await big.close();
  }
});
