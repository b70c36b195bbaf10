/**
 * Every guarded endpoint, run by a member lacking its permission bit: 403
 * and nothing changes. As a control, the same call succeeds once the owner
 * grants that bit through a role ranked above everyone else's.
 */
import { expect, test } from "vitest";
import { ALL_PERMISSIONS, Permission as P } from "../../server/permissions/bits.ts";
import { type Session, type TestClient, useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** Alice owns the server; Bob (the actor) and Carol (a target) are members. */
interface Fixture {
  c: TestClient;
  alice: Session;
  bob: Session;
  carol: Session;
  guildId: string;
  text: string;
  voice: string;
}

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

interface Row {
  name: string;
  bit: number;
  /** Sets up what the call needs (as the owner) and names the call. */
  prepare(f: Fixture): Promise<Call>;
  /** The status of the call once the bit is granted. */
  ok: number;
}

const as = (f: Fixture, s: Session, call: Call) =>
  f.c.request(call.method, call.path, call.body, { token: s.accessToken });

async function post(f: Fixture, s: Session, path: string, body: unknown = {}) {
  const res = await f.c.request("POST", path, body, { token: s.accessToken });
  if (res.status >= 300) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function call(f: Fixture, s: Session, method: string, path: string, body?: unknown) {
  const res = await f.c.request(method, path, body, { token: s.accessToken });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function setup(): Promise<Fixture> {
  const c = ctx.t.client();
  const [alice, bob, carol] = [
    await c.register("alice"),
    await c.register("bob"),
    await c.register("carol"),
  ];
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.accessToken })).body;
  const f: Fixture = {
    c,
    alice,
    bob,
    carol,
    guildId: g.id,
    text: g.channels.find((ch: { type: string }) => ch.type === "text").id,
    voice: g.channels.find((ch: { type: string }) => ch.type === "voice").id,
  };
  const invite = await post(f, alice, `/guilds/${g.id}/invites`);
  for (const s of [bob, carol]) await post(f, s, `/invites/${invite.code}`, undefined);
  return f;
}

const message = async (f: Fixture, s: Session, content = "hello") =>
  (await post(f, s, `/channels/${f.text}/messages`, { content, nonce: crypto.randomUUID() })).id;
const role = async (f: Fixture, name: string, permissions = "0") =>
  (await post(f, f.alice, `/guilds/${f.guildId}/roles`, { name, permissions })).id;
const soon = () => new Date(ctx.t.clock.now() + 3600_000).toISOString();

const rows: Row[] = [
  {
    name: "edit the server",
    bit: P.MANAGE_GUILD,
    ok: 200,
    prepare: (f) =>
      Promise.resolve({ method: "PATCH", path: `/guilds/${f.guildId}`, body: { name: "B" } }),
  },
  {
    name: "read the audit log",
    bit: P.MANAGE_GUILD,
    ok: 200,
    prepare: (f) => Promise.resolve({ method: "GET", path: `/guilds/${f.guildId}/audit-log` }),
  },
  {
    name: "create a channel",
    bit: P.MANAGE_CHANNELS,
    ok: 201,
    prepare: (f) =>
      Promise.resolve({
        method: "POST",
        path: `/guilds/${f.guildId}/channels`,
        body: { name: "new", type: "text" },
      }),
  },
  {
    name: "reorder channels",
    bit: P.MANAGE_CHANNELS,
    ok: 200,
    prepare: (f) =>
      Promise.resolve({
        method: "PATCH",
        path: `/guilds/${f.guildId}/channels`,
        body: [{ id: f.text, position: 7 }],
      }),
  },
  {
    name: "edit a channel",
    bit: P.MANAGE_CHANNELS,
    ok: 200,
    prepare: (f) =>
      Promise.resolve({ method: "PATCH", path: `/channels/${f.text}`, body: { topic: "t" } }),
  },
  {
    name: "delete a channel",
    bit: P.MANAGE_CHANNELS,
    ok: 204,
    prepare: (f) => Promise.resolve({ method: "DELETE", path: `/channels/${f.voice}` }),
  },
  {
    name: "set a channel overwrite",
    bit: P.MANAGE_ROLES,
    ok: 204,
    prepare: (f) =>
      Promise.resolve({
        method: "PUT",
        path: `/channels/${f.text}/permissions/${f.carol.user.id}`,
        body: { type: "member", allow: "0", deny: String(P.ADD_REACTIONS) },
      }),
  },
  {
    name: "remove a channel overwrite",
    bit: P.MANAGE_CHANNELS,
    ok: 204,
    prepare: async (f) => {
      const path = `/channels/${f.text}/permissions/${f.carol.user.id}`;
      await call(f, f.alice, "PUT", path, { type: "member", allow: "0", deny: "2048" });
      return { method: "DELETE", path };
    },
  },
  {
    name: "create an invite",
    bit: P.CREATE_INVITE,
    ok: 201,
    prepare: (f) =>
      Promise.resolve({ method: "POST", path: `/guilds/${f.guildId}/invites`, body: {} }),
  },
  {
    name: "send a message",
    bit: P.SEND_MESSAGES,
    ok: 201,
    prepare: (f) =>
      Promise.resolve({
        method: "POST",
        path: `/channels/${f.text}/messages`,
        body: { content: "hi", nonce: "n1" },
      }),
  },
  {
    name: "say they are typing",
    bit: P.SEND_MESSAGES,
    ok: 204,
    prepare: (f) => Promise.resolve({ method: "POST", path: `/channels/${f.text}/typing` }),
  },
  {
    name: "add a reaction",
    bit: P.ADD_REACTIONS,
    ok: 204,
    prepare: async (f) => ({
      method: "PUT",
      path: `/channels/${f.text}/messages/${await message(f, f.alice)}/reactions/👍/@me`,
    }),
  },
  {
    name: "pin a message",
    bit: P.MANAGE_MESSAGES,
    ok: 204,
    prepare: async (f) => ({
      method: "PUT",
      path: `/channels/${f.text}/pins/${await message(f, f.alice)}`,
    }),
  },
  {
    name: "unpin a message",
    bit: P.MANAGE_MESSAGES,
    ok: 204,
    prepare: async (f) => {
      const path = `/channels/${f.text}/pins/${await message(f, f.alice)}`;
      await call(f, f.alice, "PUT", path);
      return { method: "DELETE", path };
    },
  },
  {
    name: "delete someone else's message",
    bit: P.MANAGE_MESSAGES,
    ok: 204,
    prepare: async (f) => ({
      method: "DELETE",
      path: `/channels/${f.text}/messages/${await message(f, f.carol)}`,
    }),
  },
  {
    name: "kick a member",
    bit: P.KICK_MEMBERS,
    ok: 204,
    prepare: (f) =>
      Promise.resolve({
        method: "DELETE",
        path: `/guilds/${f.guildId}/members/${f.carol.user.id}`,
      }),
  },
  {
    name: "ban a member",
    bit: P.BAN_MEMBERS,
    ok: 204,
    prepare: (f) =>
      Promise.resolve({
        method: "PUT",
        path: `/guilds/${f.guildId}/bans/${f.carol.user.id}`,
        body: { reason: "spam", deleteMessageSeconds: 86400 },
      }),
  },
  {
    name: "lift a ban",
    bit: P.BAN_MEMBERS,
    ok: 204,
    prepare: async (f) => {
      const path = `/guilds/${f.guildId}/bans/${f.carol.user.id}`;
      await call(f, f.alice, "PUT", path, {});
      return { method: "DELETE", path };
    },
  },
  {
    name: "list bans",
    bit: P.BAN_MEMBERS,
    ok: 200,
    prepare: (f) => Promise.resolve({ method: "GET", path: `/guilds/${f.guildId}/bans` }),
  },
  {
    name: "time out a member",
    bit: P.MODERATE_MEMBERS,
    ok: 200,
    prepare: (f) =>
      Promise.resolve({
        method: "PATCH",
        path: `/guilds/${f.guildId}/members/${f.carol.user.id}`,
        body: { timeoutUntil: soon() },
      }),
  },
  {
    name: "change someone else's nickname",
    bit: P.MODERATE_MEMBERS,
    ok: 200,
    prepare: (f) =>
      Promise.resolve({
        method: "PATCH",
        path: `/guilds/${f.guildId}/members/${f.carol.user.id}`,
        body: { nick: "Caz" },
      }),
  },
  {
    name: "give a member a role",
    bit: P.MANAGE_ROLES,
    ok: 200,
    prepare: async (f) => ({
      method: "PATCH",
      path: `/guilds/${f.guildId}/members/${f.carol.user.id}`,
      body: { roleIds: [await role(f, "low")] },
    }),
  },
  {
    name: "create a role",
    bit: P.MANAGE_ROLES,
    ok: 201,
    prepare: (f) =>
      Promise.resolve({ method: "POST", path: `/guilds/${f.guildId}/roles`, body: { name: "r" } }),
  },
  {
    name: "edit a role",
    bit: P.MANAGE_ROLES,
    ok: 200,
    prepare: async (f) => ({
      method: "PATCH",
      path: `/guilds/${f.guildId}/roles/${await role(f, "low")}`,
      body: { name: "lower", color: 255 },
    }),
  },
  {
    name: "reorder roles",
    bit: P.MANAGE_ROLES,
    ok: 200,
    prepare: async (f) => {
      const low = await role(f, "low");
      await role(f, "lower"); // now at 1, pushing "low" to 2
      return {
        method: "PATCH",
        path: `/guilds/${f.guildId}/roles`,
        body: [{ id: low, position: 1 }],
      };
    },
  },
  {
    name: "delete a role",
    bit: P.MANAGE_ROLES,
    ok: 204,
    prepare: async (f) => ({
      method: "DELETE",
      path: `/guilds/${f.guildId}/roles/${await role(f, "low")}`,
    }),
  },
  {
    name: "join a voice channel",
    bit: P.CONNECT,
    ok: 200,
    prepare: (f) =>
      Promise.resolve({
        method: "POST",
        path: `/channels/${f.voice}/voice`,
        body: { sessionId: "01J9ZK3Q4M5N6P7R8S9T0V1W2X" },
      }),
  },
  {
    name: "unmute in a voice channel",
    bit: P.SPEAK,
    ok: 200,
    prepare: async (f) => {
      const path = `/channels/${f.voice}/voice`;
      await call(f, f.bob, "POST", path, { sessionId: "01J9ZK3Q4M5N6P7R8S9T0V1W2X" });
      return { method: "PATCH", path, body: { muted: false } };
    },
  },
];

/** What the owner sees of the server: any change shows up here. */
async function state(f: Fixture) {
  const get = async (path: string) => (await as(f, f.alice, { method: "GET", path })).body;
  return {
    guild: await get(`/guilds/${f.guildId}`),
    members: await get(`/guilds/${f.guildId}/members`),
    bans: await get(`/guilds/${f.guildId}/bans`),
    auditEntries: (await get(`/guilds/${f.guildId}/audit-log`)).length,
    messages: await get(`/channels/${f.text}/messages`),
    pins: await get(`/channels/${f.text}/pins`),
  };
}

for (const row of rows) {
  test(`a member without ${bitName(row.bit)} cannot ${row.name} (403, no change); with it they can`, async () => {
    const f = await setup();
    // Take the bit from @everyone (it holds some by default), then prepare the call.
    const everyone = `/guilds/${f.guildId}/roles/${f.guildId}`;
    const defaults = (await as(f, f.alice, { method: "GET", path: `/guilds/${f.guildId}` })).body
      .roles.find((r: { id: string }) => r.id === f.guildId).permissions;
    await call(f, f.alice, "PATCH", everyone, { permissions: String(Number(defaults) & ~row.bit) });
    const request = await row.prepare(f);
    const before = await state(f);
    ctx.events.length = 0;

    const denied = await as(f, f.bob, request);
    expect(denied.status, JSON.stringify(denied.body)).toBe(403);
    expect(denied.headers.get("content-type")).toContain("application/problem+json");
    expect(denied.body.type).toBe("forbidden");
    expect(await state(f)).toEqual(before);
    expect(ctx.events.filter((e) => e.t !== "TYPING_START")).toEqual([]);

    // Control: a role holding just this bit, ranked above every other role.
    const granted = await role(f, "granted", String(row.bit));
    await call(f, f.alice, "PATCH", `/guilds/${f.guildId}/roles`, [{ id: granted, position: 100 }]);
    await call(f, f.alice, "PATCH", `/guilds/${f.guildId}/members/${f.bob.user.id}`, {
      roleIds: [granted],
    });
    const allowed = await as(f, f.bob, request);
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(row.ok);
  });
}

test("every permission bit but ADMINISTRATOR and the channel-level ones has a row", () => {
  const covered = rows.reduce((bits, r) => bits | r.bit, 0);
  const expected = ALL_PERMISSIONS & ~P.ADMINISTRATOR & ~P.VIEW_CHANNEL & ~P.ATTACH_FILES &
    ~P.MENTION_EVERYONE & ~P.MUTE_MEMBERS;
  expect(covered & expected).toBe(expected);
});

function bitName(bit: number): string {
  return Object.entries(P).find(([, b]) => b === bit)![0];
}
