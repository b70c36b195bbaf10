import { expect, test } from "vitest";
import { type TestApp, useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** Alice owns a server that Bob joined; Carol is a stranger. No ctx.events recorded yet. */
async function setup() {
  const c = ctx.t.client();
  const [alice, bob, carol] = [
    await c.register("alice"),
    await c.register("bob"),
    await c.register("carol"),
  ];
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.accessToken })).body;
  const invite = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  await c.post(`/invites/${invite.code}`, undefined, { token: bob.accessToken });
  ctx.events.length = 0;
  return { c, g, invite, alice, bob, carol };
}

const del = (c: ReturnType<TestApp["client"]>, path: string, token: string) =>
  c.request("DELETE", path, undefined, { token });
const put = (c: ReturnType<TestApp["client"]>, path: string, body: unknown, token: string) =>
  c.request("PUT", path, body, { token });

test("GET /guilds/:id/members lists members by user id with profile and presence", async () => {
  const { c, g, alice, bob } = await setup();
  const res = await c.get(`/guilds/${g.id}/members`, { token: bob.accessToken });
  expect(res.status).toBe(200);
  const ids = [alice.user.id, bob.user.id].sort();
  expect(res.body.map((m: { user: { id: string } }) => m.user.id)).toEqual(ids);
  const a = res.body.find((m: { user: { id: string } }) => m.user.id === alice.user.id);
  expect(a).toEqual({
    guildId: g.id,
    user: { id: alice.user.id, username: "alice", displayName: "alice", avatar: null },
    nick: null,
    roleIds: [],
    joinedAt: expect.any(String),
    timeoutUntil: null,
    status: "offline",
  });
});

test("GET /guilds/:id/members pages with after and limit, and checks both", async () => {
  const { c, g, bob } = await setup();
  const opts = { token: bob.accessToken };
  const all = (await c.get(`/guilds/${g.id}/members`, opts)).body;
  const first = await c.get(`/guilds/${g.id}/members?limit=1`, opts);
  expect(first.body).toEqual([all[0]]);
  const rest = await c.get(`/guilds/${g.id}/members?after=${all[0].user.id}&limit=1000`, opts);
  expect(rest.body).toEqual([all[1]]);
  for (const q of ["limit=0", "limit=1001", "limit=x", "after=nope", "sort=asc"]) {
    expect((await c.get(`/guilds/${g.id}/members?${q}`, opts)).status, q).toBe(400);
  }
});

test("a stranger cannot list the members (404)", async () => {
  const { c, g, carol } = await setup();
  expect((await c.get(`/guilds/${g.id}/members`, { token: carol.accessToken })).status).toBe(404);
});

test("a member leaves: the server hears GUILD_MEMBER_REMOVE, they get GUILD_DELETE and leave", async () => {
  const { c, g, alice, bob } = await setup();
  const res = await del(c, `/guilds/${g.id}/members/${bob.user.id}`, bob.accessToken);
  expect(res.status).toBe(204);
  expect((await c.get(`/guilds/${g.id}`, { token: bob.accessToken })).status).toBe(404);
  expect((await c.get(`/guilds/${g.id}`, { token: alice.accessToken })).body.memberCount).toBe(1);
  const leave = [{ op: "leave", userId: bob.user.id, guildId: g.id }];
  const publicBob = { id: bob.user.id, username: "bob", displayName: "bob", avatar: null };
  expect(ctx.events).toEqual([
    {
      t: "GUILD_MEMBER_REMOVE",
      d: { guildId: g.id, user: publicBob },
      to: { guildId: g.id },
      effects: leave,
    },
    { t: "GUILD_DELETE", d: { id: g.id }, to: { userIds: [bob.user.id] }, effects: leave },
  ]);
});

test("the owner cannot leave their own server", async () => {
  const { c, g, alice } = await setup();
  const res = await del(c, `/guilds/${g.id}/members/${alice.user.id}`, alice.accessToken);
  expect(res.status).toBe(409);
  expect(res.body.title).toBe("The owner cannot leave their own server");
  expect((await c.get(`/guilds/${g.id}`, { token: alice.accessToken })).status).toBe(200);
  expect(ctx.events).toEqual([]);
});

test("the owner kicks a member; a member cannot kick (403)", async () => {
  const { c, g, alice, bob } = await setup();
  const denied = await del(c, `/guilds/${g.id}/members/${alice.user.id}`, bob.accessToken);
  expect(denied.status).toBe(403);
  expect(ctx.events).toEqual([]);
  const kicked = await del(c, `/guilds/${g.id}/members/${bob.user.id}`, alice.accessToken);
  expect(kicked.status).toBe(204);
  expect(ctx.events.map((e) => e.t)).toEqual(["GUILD_MEMBER_REMOVE", "GUILD_DELETE"]);
  const again = await del(c, `/guilds/${g.id}/members/${bob.user.id}`, alice.accessToken);
  expect(again.status).toBe(404);
});

test("a kicked member may come back through an invite", async () => {
  const { c, g, invite, alice, bob } = await setup();
  await del(c, `/guilds/${g.id}/members/${bob.user.id}`, alice.accessToken);
  const back = await c.post(`/invites/${invite.code}`, undefined, { token: bob.accessToken });
  expect(back.status).toBe(200);
  expect(back.body.memberCount).toBe(2);
});

test("PATCH /guilds/:id/members/:userId sets one's own nick; the owner sets anyone's", async () => {
  const { c, g, alice, bob } = await setup();
  const own = await c.patch(`/guilds/${g.id}/members/${bob.user.id}`, { nick: " Bobby " }, {
    token: bob.accessToken,
  });
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({ guildId: g.id, nick: "Bobby", user: { id: bob.user.id } });
  expect(ctx.events).toEqual([{ t: "GUILD_MEMBER_UPDATE", d: own.body, to: { guildId: g.id } }]);
  const byOwner = await c.patch(`/guilds/${g.id}/members/${bob.user.id}`, { nick: null }, {
    token: alice.accessToken,
  });
  expect(byOwner.body.nick).toBeNull();
  const denied = await c.patch(`/guilds/${g.id}/members/${alice.user.id}`, { nick: "x" }, {
    token: bob.accessToken,
  });
  expect(denied.status).toBe(403);
});

test("PATCH /guilds/:id/members/:userId refuses bad nicks (400), and roles or timeouts without the bits (403)", async () => {
  const { c, g, bob } = await setup();
  for (
    const [body, status] of [
      [{ nick: "" }, 400],
      [{ nick: "x".repeat(33) }, 400],
      [{ roleIds: ["nope"] }, 400],
      [{ roleIds: [g.id] }, 403],
      [{ timeoutUntil: "2030-01-01T00:00:00.000Z" }, 403],
    ] as const
  ) {
    const res = await c.patch(`/guilds/${g.id}/members/${bob.user.id}`, body, {
      token: bob.accessToken,
    });
    expect(res.status, JSON.stringify(body)).toBe(status);
  }
  const me = (await c.get(`/guilds/${g.id}/members`, { token: bob.accessToken })).body
    .find((m: { user: { id: string } }) => m.user.id === bob.user.id);
  expect(me).toMatchObject({ nick: null, roleIds: [], timeoutUntil: null });
  expect(ctx.events).toEqual([]);
});

test("a ban removes the member and keeps them out until it is lifted", async () => {
  const { c, g, invite, alice, bob } = await setup();
  const res = await put(
    c,
    `/guilds/${g.id}/bans/${bob.user.id}`,
    { reason: "spam" },
    alice.accessToken,
  );
  expect(res.status).toBe(204);
  expect(ctx.events.map((e) => e.t)).toEqual(["GUILD_MEMBER_REMOVE", "GUILD_DELETE"]);
  expect((await c.get(`/guilds/${g.id}`, { token: bob.accessToken })).status).toBe(404);
  const bans = await c.get(`/guilds/${g.id}/bans`, { token: alice.accessToken });
  expect(bans.body).toEqual([{
    user: { id: bob.user.id, username: "bob", displayName: "bob", avatar: null },
    reason: "spam",
    createdAt: expect.any(String),
  }]);
  const rejoin = await c.post(`/invites/${invite.code}`, undefined, { token: bob.accessToken });
  expect(rejoin.status).toBe(403);
  expect(rejoin.body.title).toBe("You are banned from this server");

  expect((await del(c, `/guilds/${g.id}/bans/${bob.user.id}`, alice.accessToken)).status).toBe(
    204,
  );
  expect((await del(c, `/guilds/${g.id}/bans/${bob.user.id}`, alice.accessToken)).status).toBe(
    404,
  );
  expect((await c.post(`/invites/${invite.code}`, undefined, { token: bob.accessToken })).status)
    .toBe(200);
});

test("PUT /guilds/:id/bans/:userId works without a body and bans non-members too", async () => {
  const { c, g, invite, alice, carol } = await setup();
  expect(
    (await c.request("PUT", `/guilds/${g.id}/bans/${carol.user.id}`, undefined, {
      token: alice.accessToken,
    })).status,
  ).toBe(204);
  expect(ctx.events).toEqual([]); // carol was never in: nothing to announce
  expect((await c.post(`/invites/${invite.code}`, undefined, { token: carol.accessToken })).status)
    .toBe(403);
});

test("bans need BAN_MEMBERS, never of oneself, and only of real users", async () => {
  const { c, g, alice, bob, carol } = await setup();
  expect((await put(c, `/guilds/${g.id}/bans/${carol.user.id}`, {}, bob.accessToken)).status)
    .toBe(403);
  expect((await put(c, `/guilds/${g.id}/bans/${alice.user.id}`, {}, bob.accessToken)).status)
    .toBe(403);
  expect((await c.get(`/guilds/${g.id}/bans`, { token: bob.accessToken })).status).toBe(403);
  expect((await del(c, `/guilds/${g.id}/bans/${carol.user.id}`, bob.accessToken)).status).toBe(403);
  expect((await put(c, `/guilds/${g.id}/bans/${alice.user.id}`, {}, alice.accessToken)).status)
    .toBe(403);
  const ghost = "01J9ZK3Q4M5N6P7R8S9T0V1W2X";
  expect((await put(c, `/guilds/${g.id}/bans/${ghost}`, {}, alice.accessToken)).status).toBe(404);
  expect(
    (await put(
      c,
      `/guilds/${g.id}/bans/${bob.user.id}`,
      { reason: "x".repeat(513) },
      alice.accessToken,
    ))
      .status,
  ).toBe(400);
  expect((await put(c, `/guilds/${g.id}/bans/${carol.user.id}`, {}, carol.accessToken)).status)
    .toBe(404);
  expect((await c.get(`/guilds/${g.id}/bans`, { token: alice.accessToken })).body).toEqual([]);
  expect((await c.get(`/guilds/${g.id}`, { token: bob.accessToken })).status).toBe(200);
  expect(ctx.events).toEqual([]);
});
