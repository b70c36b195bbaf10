import { expect, test } from "vitest";
import { useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** Registers `name` and returns their token and id. */
async function user(name: string) {
  const { accessToken, user } = await ctx.t.client().register(name);
  return { token: accessToken, id: user.id };
}

test("POST /guilds creates a server with #general, General (voice) and @everyone", async () => {
  const alice = await user("alice");
  const res = await ctx.t.client().post("/guilds", { name: "  Book club " }, {
    token: alice.token,
  });
  expect(res.status).toBe(201);
  const g = res.body;
  expect(g).toMatchObject({ name: "Book club", ownerId: alice.id, icon: null, memberCount: 1 });
  expect(g.channels.map((c: { type: string; name: string }) => [c.type, c.name])).toEqual([
    ["text", "general"],
    ["voice", "General"],
  ]);
  expect(g.roles).toEqual([{
    id: g.id,
    name: "@everyone",
    color: 0,
    position: 0,
    permissions: expect.stringMatching(/^\d+$/),
  }]);
  const bits = Number(g.roles[0].permissions);
  expect(bits & 1).toBe(1); // VIEW_CHANNEL
  expect(bits & 2).toBe(2); // SEND_MESSAGES
  expect(bits & (1 << 9)).toBe(1 << 9); // CREATE_INVITE
  expect(bits & (1 << 16)).toBe(0); // not ADMINISTRATOR
  expect(ctx.events).toEqual([{
    t: "GUILD_CREATE",
    d: g,
    to: { userIds: [alice.id] },
    effects: [{ op: "join", userId: alice.id, guildId: g.id }],
    access: expect.objectContaining({ guildId: g.id, ownerId: alice.id }),
  }]);
});

test("GET /users/@me/guilds lists one's servers and GET /guilds/:id shows one", async () => {
  const alice = await user("alice");
  const c = ctx.t.client();
  const a = (await c.post("/guilds", { name: "A" }, { token: alice.token })).body;
  const b = (await c.post("/guilds", { name: "B" }, { token: alice.token })).body;
  const list = await c.get("/users/@me/guilds", { token: alice.token });
  expect(list.status).toBe(200);
  expect(list.body).toEqual([a, b]);
  const one = await c.get(`/guilds/${a.id}`, { token: alice.token });
  expect(one.status).toBe(200);
  expect(one.body).toEqual(a);
});

test("a non-member gets 404 for a server, as for one that does not exist", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  const c = ctx.t.client();
  const g = (await c.post("/guilds", { name: "Secret" }, { token: alice.token })).body;
  ctx.events.length = 0;
  const seen = await c.get(`/guilds/${g.id}`, { token: bob.token });
  const missing = await c.get(`/guilds/01J9ZK3Q4M5N6P7R8S9T0V1W2X`, { token: bob.token });
  expect(seen.status).toBe(404);
  expect(missing.status).toBe(404);
  expect(seen.body.title).toBe(missing.body.title);
  for (const [method, body] of [["PATCH", { name: "x" }], ["DELETE", undefined]] as const) {
    expect((await c.request(method, `/guilds/${g.id}`, body, { token: bob.token })).status)
      .toBe(404);
  }
  expect((await c.get("/users/@me/guilds", { token: bob.token })).body).toEqual([]);
  expect(ctx.events).toEqual([]);
  expect((await c.get(`/guilds/${g.id}`, { token: alice.token })).body.name).toBe("Secret");
});

test("the guild routes need a session", async () => {
  const c = ctx.t.client();
  expect((await c.post("/guilds", { name: "x" })).status).toBe(401);
  expect((await c.get("/users/@me/guilds")).status).toBe(401);
  expect((await c.get("/guilds/01J9ZK3Q4M5N6P7R8S9T0V1W2X")).status).toBe(401);
});

test("POST /guilds refuses bad bodies and creates nothing", async () => {
  const alice = await user("alice");
  const c = ctx.t.client();
  for (
    const body of [{}, { name: "" }, { name: "   " }, { name: "x".repeat(101) }, { name: 5 }, {
      name: "ok",
      ownerId: "someone",
    }]
  ) {
    const res = await c.post("/guilds", body, { token: alice.token });
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.body.type).toBe("validation_failed");
  }
  expect((await c.get("/users/@me/guilds", { token: alice.token })).body).toEqual([]);
  expect(ctx.events).toEqual([]);
});

test("PATCH /guilds/:id lets the owner rename and set the icon, telling the server", async () => {
  const alice = await user("alice");
  const c = ctx.t.client();
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.token })).body;
  ctx.events.length = 0;
  const res = await c.patch(`/guilds/${g.id}`, {
    name: "Renamed",
    icon: "https://example.org/i.png",
  }, { token: alice.token });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ ...g, name: "Renamed", icon: "https://example.org/i.png" });
  // The gateway shows each member their own channels and permissions in this payload.
  expect(ctx.events).toEqual([{
    t: "GUILD_UPDATE",
    d: { ...res.body, permissions: "0" },
    to: { guildId: g.id },
  }]);
  const cleared = await c.patch(`/guilds/${g.id}`, { icon: null }, { token: alice.token });
  expect(cleared.body.icon).toBeNull();
});

test("PATCH /guilds/:id refuses bad values and changes nothing", async () => {
  const alice = await user("alice");
  const c = ctx.t.client();
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.token })).body;
  ctx.events.length = 0;
  for (
    const body of [
      { name: "" },
      { name: "x".repeat(101) },
      { icon: "javascript:alert(1)" },
      { ownerId: alice.id },
      { name: { $set: "x" } },
    ]
  ) {
    expect((await c.patch(`/guilds/${g.id}`, body, { token: alice.token })).status).toBe(400);
  }
  expect((await c.get(`/guilds/${g.id}`, { token: alice.token })).body).toEqual(g);
  expect(ctx.events).toEqual([]);
  expect((await c.get(`/guilds/not-an-id`, { token: alice.token })).status).toBe(400);
});

/** Alice's server with Bob as a member (through an invite). */
async function serverWithBob() {
  const alice = await user("alice");
  const bob = await user("bob");
  const c = ctx.t.client();
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.token })).body;
  const invite = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.token })).body;
  expect((await c.post(`/invites/${invite.code}`, undefined, { token: bob.token })).status)
    .toBe(200);
  ctx.events.length = 0;
  return { alice, bob, c, g };
}

test("a member without MANAGE_GUILD cannot edit the server, nor anyone but the owner delete it (403)", async () => {
  const { bob, c, g } = await serverWithBob();
  const patch = await c.patch(`/guilds/${g.id}`, { name: "Mine" }, { token: bob.token });
  expect(patch.status).toBe(403);
  expect(patch.body.title).toBe("Cannot edit the server without the MANAGE_GUILD permission");
  const del = await c.request("DELETE", `/guilds/${g.id}`, undefined, { token: bob.token });
  expect(del.status).toBe(403);
  expect((await c.get(`/guilds/${g.id}`, { token: bob.token })).body.name).toBe("A");
  expect(ctx.events).toEqual([]);
});

test("DELETE /guilds/:id removes the server for every member, who all leave it", async () => {
  const { alice, bob, c, g } = await serverWithBob();
  const res = await c.request("DELETE", `/guilds/${g.id}`, undefined, { token: alice.token });
  expect(res.status).toBe(204);
  expect((await c.get(`/guilds/${g.id}`, { token: alice.token })).status).toBe(404);
  expect((await c.get("/users/@me/guilds", { token: bob.token })).body).toEqual([]);
  const general = g.channels[0].id;
  expect((await c.patch(`/channels/${general}`, { name: "x" }, { token: alice.token })).status)
    .toBe(404);
  expect(ctx.events).toHaveLength(1);
  const [event] = ctx.events;
  expect(event.t).toBe("GUILD_DELETE");
  expect(event.d).toEqual({ id: g.id });
  expect(event.to).toEqual({ userIds: expect.arrayContaining([alice.id, bob.id]) });
  expect(event.effects).toEqual(expect.arrayContaining([
    { op: "leave", userId: alice.id, guildId: g.id },
    { op: "leave", userId: bob.id, guildId: g.id },
  ]));
});
