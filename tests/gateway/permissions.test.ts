import { afterEach, beforeEach, expect, test } from "vitest";
import { Permission as P } from "../../server/permissions/bits.ts";
import { type Account, barrier, guildWith, say, startServer, type TestServer } from "./server.ts";

let s: TestServer;
let alice: Account, bob: Account, carol: Account;

beforeEach(async () => {
  s = await startServer();
  [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => s.register(n)));
});

afterEach(() => s.close());

const deny = (channelId: string, targetId: string, type: "role" | "member", bits: number) =>
  s.api("PUT", `/channels/${channelId}/permissions/${targetId}`, {
    type,
    allow: "0",
    deny: String(bits),
  }, alice.accessToken);

test("a member denied view stops receiving the channel at once; the others still get it", async () => {
  const { channelId } = await guildWith(s, alice, [bob, carol]);
  const b = await s.connect(bob.accessToken);
  const c = await s.connect(carol.accessToken);
  const before = await say(s, alice, channelId, "everyone sees this");
  await b.socket.dispatch("MESSAGE_CREATE", (d) => d.id === before.id);

  await deny(channelId, bob.user.id, "member", P.VIEW_CHANNEL);
  const gone = await b.socket.dispatch("CHANNEL_DELETE", (d) => d.id === channelId);
  expect(gone.d).toMatchObject({ id: channelId });
  const after = await say(s, alice, channelId, "not for bob");
  await s.api("POST", `/channels/${channelId}/typing`, undefined, carol.accessToken);
  const seen = await c.socket.dispatch("MESSAGE_CREATE", (d) => d.id === after.id);
  expect(seen.d.content).toBe("not for bob");
  await c.socket.dispatch("TYPING_START", (d) => d.userId === carol.user.id);
  await barrier(s, bob.user.id, b.socket);
  expect(b.socket.dispatches("MESSAGE_CREATE").map((f) => f.d.id)).toEqual([before.id]);
  expect(b.socket.dispatches("TYPING_START")).toEqual([]);
  expect(b.socket.dispatches("CHANNEL_UPDATE")).toEqual([]);
  expect(c.socket.dispatches("CHANNEL_DELETE")).toEqual([]);
});

test("a private channel is left out of ready for those who may not see it, and reappears on allow", async () => {
  const { guildId, channelId } = await guildWith(s, alice, [bob, carol]);
  const secret = await s.api("POST", `/guilds/${guildId}/channels`, {
    name: "staff",
    type: "text",
  }, alice.accessToken);
  await deny(secret.id, guildId, "role", P.VIEW_CHANNEL);
  await s.api("PUT", `/channels/${secret.id}/permissions/${carol.user.id}`, {
    type: "member",
    allow: String(P.VIEW_CHANNEL),
    deny: "0",
  }, alice.accessToken);

  const b = await s.connect(bob.accessToken);
  const c = await s.connect(carol.accessToken);
  const channelsOf = (ready: { guilds: { id: string; channels: { id: string }[] }[] }) =>
    ready.guilds.find((g) => g.id === guildId)!.channels.map((ch) => ch.id);
  expect(channelsOf(b.ready)).not.toContain(secret.id);
  expect(channelsOf(b.ready)).toContain(channelId);
  expect(channelsOf(c.ready)).toContain(secret.id);
  expect((await s.api("GET", `/guilds/${guildId}`, undefined, bob.accessToken)).channels
    .map((ch: { id: string }) => ch.id)).not.toContain(secret.id);

  const hidden = await say(s, carol, secret.id, "staff only");
  await c.socket.dispatch("MESSAGE_CREATE", (d) => d.id === hidden.id);
  await barrier(s, bob.user.id, b.socket);
  expect(b.socket.dispatches("MESSAGE_CREATE")).toEqual([]);

  await s.api("PUT", `/channels/${secret.id}/permissions/${bob.user.id}`, {
    type: "member",
    allow: String(P.VIEW_CHANNEL),
    deny: "0",
  }, alice.accessToken);
  await b.socket.dispatch("CHANNEL_CREATE", (d) => d.id === secret.id);
  const shown = await say(s, carol, secret.id, "welcome bob");
  await b.socket.dispatch("MESSAGE_CREATE", (d) => d.id === shown.id);
});

test("taking away the role that let a member see a channel hides it from them at once", async () => {
  const { guildId } = await guildWith(s, alice, [bob]);
  const secret = await s.api("POST", `/guilds/${guildId}/channels`, {
    name: "mods",
    type: "text",
  }, alice.accessToken);
  const mods = await s.api("POST", `/guilds/${guildId}/roles`, { name: "mods" }, alice.accessToken);
  await deny(secret.id, guildId, "role", P.VIEW_CHANNEL);
  await s.api("PUT", `/channels/${secret.id}/permissions/${mods.id}`, {
    type: "role",
    allow: String(P.VIEW_CHANNEL),
    deny: "0",
  }, alice.accessToken);
  await s.api("PATCH", `/guilds/${guildId}/members/${bob.user.id}`, {
    roleIds: [mods.id],
  }, alice.accessToken);
  const b = await s.connect(bob.accessToken);
  const first = await say(s, alice, secret.id, "for mods");
  await b.socket.dispatch("MESSAGE_CREATE", (d) => d.id === first.id);

  await s.api(
    "PATCH",
    `/guilds/${guildId}/members/${bob.user.id}`,
    { roleIds: [] },
    alice.accessToken,
  );
  await b.socket.dispatch("CHANNEL_DELETE", (d) => d.id === secret.id);
  const second = await say(s, alice, secret.id, "bob is no mod now");
  await barrier(s, bob.user.id, b.socket);
  expect(b.socket.dispatches("MESSAGE_CREATE").map((f) => f.d.id)).not.toContain(second.id);
  const read = await fetch(`${s.url}/api/v1/channels/${secret.id}/messages`, {
    headers: { authorization: `Bearer ${bob.accessToken}` },
  });
  expect(read.status).toBe(404);
  await read.body?.cancel();
});

test("GUILD_UPDATE shows each member only their channels and their own permissions", async () => {
  const { guildId } = await guildWith(s, alice, [bob]);
  const secret = await s.api("POST", `/guilds/${guildId}/channels`, {
    name: "hidden",
    type: "text",
  }, alice.accessToken);
  await deny(secret.id, bob.user.id, "member", P.VIEW_CHANNEL);
  const a = await s.connect(alice.accessToken);
  const b = await s.connect(bob.accessToken);
  await s.api("PATCH", `/guilds/${guildId}`, { name: "Renamed" }, alice.accessToken);
  const forBob = await b.socket.dispatch("GUILD_UPDATE");
  const forAlice = await a.socket.dispatch("GUILD_UPDATE");
  expect(forBob.d.name).toBe("Renamed");
  expect(forBob.d.channels.map((c: { id: string }) => c.id)).not.toContain(secret.id);
  expect(forAlice.d.channels.map((c: { id: string }) => c.id)).toContain(secret.id);
  expect(Number(forBob.d.permissions) & P.MANAGE_GUILD).toBe(0);
  expect(Number(forAlice.d.permissions) & P.MANAGE_GUILD).toBe(P.MANAGE_GUILD);
});
