import { expect, test } from "vitest";
import { useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** Alice's server; Bob and Carol are not in it. No ctx.events recorded yet. */
async function setup() {
  const c = ctx.t.client();
  const [alice, bob, carol] = [
    await c.register("alice"),
    await c.register("bob"),
    await c.register("carol"),
  ];
  const g = (await c.post("/guilds", { name: "Book club" }, { token: alice.accessToken })).body;
  ctx.events.length = 0;
  return { c, g, alice, bob, carol };
}

const DAY = 24 * 3600 * 1000;

/** A fresh access token for `username` (access tokens expire as the clock moves on). */
async function login(username: string): Promise<string> {
  const res = await ctx.t.client().post("/auth/login", {
    login: username,
    password: "password123",
  });
  return res.body.accessToken;
}

test("POST /guilds/:id/invites makes an unguessable code valid for 7 days", async () => {
  const { c, g, alice } = await setup();
  const res = await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken });
  expect(res.status).toBe(201);
  expect(res.body).toEqual({
    code: expect.stringMatching(/^[0-9A-Za-z]{10}$/),
    guildId: g.id,
    inviterId: alice.user.id,
    maxUses: null,
    uses: 0,
    expiresAt: new Date(ctx.t.clock.now() + 7 * DAY).toISOString(),
    createdAt: new Date(ctx.t.clock.now()).toISOString(),
  });
  const other = await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken });
  expect(other.body.code).not.toBe(res.body.code);
  const forever = await c.post(`/guilds/${g.id}/invites`, { maxAgeSeconds: 0, maxUses: 5 }, {
    token: alice.accessToken,
  });
  expect(forever.body).toMatchObject({ expiresAt: null, maxUses: 5 });
  expect(ctx.events).toEqual([]);
});

test("POST /guilds/:id/invites refuses bad limits, and strangers get 404", async () => {
  const { c, g, alice, bob } = await setup();
  for (
    const body of [
      { maxUses: 0 },
      { maxUses: 1001 },
      { maxUses: 1.5 },
      { maxAgeSeconds: 59 },
      { maxAgeSeconds: 604_801 },
      { maxAgeSeconds: -1 },
      { code: "chosen1234" },
    ]
  ) {
    const res = await c.post(`/guilds/${g.id}/invites`, body, { token: alice.accessToken });
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  expect((await c.post(`/guilds/${g.id}/invites`, {}, { token: bob.accessToken })).status).toBe(
    404,
  );
});

test("any member may invite, since CREATE_INVITE is in the default permissions", async () => {
  const { c, g, alice, bob } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  await c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken });
  const res = await c.post(`/guilds/${g.id}/invites`, {}, { token: bob.accessToken });
  expect(res.status).toBe(201);
  expect(res.body.inviterId).toBe(bob.user.id);
});

test("GET /invites/:code previews the server without logging in", async () => {
  const { c, g, alice } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  const res = await ctx.t.client().get(`/invites/${inv.code}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    code: inv.code,
    guild: { id: g.id, name: "Book club", icon: null },
    memberCount: 1,
    expiresAt: inv.expiresAt,
  });
  expect((await c.get("/invites/Nope123456")).status).toBe(404);
  expect((await c.get("/invites/bad!")).status).toBe(400);
});

test("POST /invites/:code joins: the server hears GUILD_MEMBER_ADD, the joiner gets GUILD_CREATE", async () => {
  const { c, g, alice, bob } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  const res = await c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken });
  expect(res.status).toBe(200);
  // Bob sees the guild with his own permissions (@everyone's), not the owner's.
  const everyone = g.roles.find((r: { id: string }) => r.id === g.id).permissions;
  expect(res.body).toEqual({ ...g, memberCount: 2, permissions: everyone });
  expect(ctx.events).toEqual([
    {
      t: "GUILD_MEMBER_ADD",
      d: {
        guildId: g.id,
        user: { id: bob.user.id, username: "bob", displayName: "bob", avatar: null },
        nick: null,
        roleIds: [],
        joinedAt: new Date(ctx.t.clock.now()).toISOString(),
        timeoutUntil: null,
        status: "offline",
      },
      to: { guildId: g.id },
    },
    {
      t: "GUILD_CREATE",
      d: res.body,
      to: { userIds: [bob.user.id] },
      effects: [{ op: "join", userId: bob.user.id, guildId: g.id }],
      access: expect.objectContaining({ guildId: g.id }),
    },
  ]);
  expect((await c.get("/users/@me/guilds", { token: bob.accessToken })).body).toEqual([res.body]);
});

test("joining again is idempotent and uses nothing up", async () => {
  const { c, g, alice, bob } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, { maxUses: 1 }, {
    token: alice.accessToken,
  })).body;
  await c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken });
  ctx.events.length = 0;
  const again = await c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken });
  expect(again.status).toBe(200);
  expect(again.body.memberCount).toBe(2);
  const owner = await c.post(`/invites/${inv.code}`, undefined, { token: alice.accessToken });
  expect(owner.status).toBe(200);
  expect(ctx.events).toEqual([]);
});

test("an invite with maxUses admits that many users, then answers 404 used up", async () => {
  const { c, g, alice, bob, carol } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, { maxUses: 1 }, {
    token: alice.accessToken,
  })).body;
  expect((await c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken })).status)
    .toBe(200);
  const late = await c.post(`/invites/${inv.code}`, undefined, { token: carol.accessToken });
  expect(late.status).toBe(404);
  expect(late.body.title).toBe("Invite has been used up");
  expect(late.body.detail).toContain("1 of 1");
  expect((await c.get(`/invites/${inv.code}`)).status).toBe(404);
  expect((await c.get(`/guilds/${g.id}`, { token: carol.accessToken })).status).toBe(404);
});

test("two users racing for the last use of an invite: exactly one joins", async () => {
  const { c, g, alice, bob, carol } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, { maxUses: 1 }, {
    token: alice.accessToken,
  })).body;
  const results = await Promise.all([
    c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken }),
    c.post(`/invites/${inv.code}`, undefined, { token: carol.accessToken }),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
  expect((await c.get(`/guilds/${g.id}`, { token: alice.accessToken })).body.memberCount).toBe(2);
});

test("an invite expires after its max age", async () => {
  const { c, g, alice } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, { maxAgeSeconds: 3600 }, {
    token: alice.accessToken,
  })).body;
  ctx.t.clock.advance(3600 * 1000 - 1);
  expect((await c.get(`/invites/${inv.code}`)).status).toBe(200);
  ctx.t.clock.advance(1);
  const preview = await c.get(`/invites/${inv.code}`);
  expect(preview.status).toBe(404);
  expect(preview.body.title).toBe("Invite has expired");
  const join = await c.post(`/invites/${inv.code}`, undefined, { token: await login("bob") });
  expect(join.status).toBe(404);
  expect(join.body.title).toBe("Invite has expired");
  expect(ctx.events).toEqual([]);
});

test("default invites last 7 days; never-expiring ones outlive them", async () => {
  const { c, g, alice } = await setup();
  const week = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  const forever = (await c.post(`/guilds/${g.id}/invites`, { maxAgeSeconds: 0 }, {
    token: alice.accessToken,
  })).body;
  ctx.t.clock.advance(7 * DAY);
  expect((await c.get(`/invites/${week.code}`)).status).toBe(404);
  const token = await login("bob");
  expect((await c.post(`/invites/${forever.code}`, undefined, { token })).status).toBe(200);
});

test("POST /invites/:code needs a session, and unknown codes are 404", async () => {
  const { c, g, alice, bob } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  expect((await ctx.t.client().post(`/invites/${inv.code}`)).status).toBe(401);
  const missing = await c.post("/invites/Nope123456", undefined, { token: bob.accessToken });
  expect(missing.status).toBe(404);
  expect(missing.body.title).toBe("Invite not found");
});

test("invites of a deleted server stop working", async () => {
  const { c, g, alice, bob } = await setup();
  const inv = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  await c.request("DELETE", `/guilds/${g.id}`, undefined, { token: alice.accessToken });
  expect((await c.get(`/invites/${inv.code}`)).status).toBe(404);
  expect((await c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken })).status)
    .toBe(404);
});
