import { expect, test } from "vitest";
import { useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** Alice's server with Bob as a plain member; no ctx.events recorded yet. */
async function setup() {
  const c = ctx.t.client();
  const alice = await c.register("alice");
  const bob = await c.register("bob");
  const carol = await c.register("carol");
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.accessToken })).body;
  const inv = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  await c.post(`/invites/${inv.code}`, undefined, { token: bob.accessToken });
  ctx.events.length = 0;
  return {
    c,
    g,
    owner: alice.accessToken,
    member: bob.accessToken,
    outsider: carol.accessToken,
  };
}

test("POST /guilds/:id/channels adds channels at the end; text names are normalised", async () => {
  const { c, g, owner } = await setup();
  const text = await c.post(`/guilds/${g.id}/channels`, {
    name: "  Book   Talk ",
    type: "text",
    topic: "Chapter 3",
  }, { token: owner });
  expect(text.status).toBe(201);
  expect(text.body).toMatchObject({
    type: "text",
    guildId: g.id,
    name: "book-talk",
    topic: "Chapter 3",
    position: 2,
    lastMessageId: null,
  });
  const voice = await c.post(`/guilds/${g.id}/channels`, { name: "Quiet Room", type: "voice" }, {
    token: owner,
  });
  expect(voice.body).toMatchObject({ type: "voice", name: "Quiet Room", topic: null, position: 3 });
  expect(ctx.events).toEqual([
    { t: "CHANNEL_CREATE", d: text.body, to: { guildId: g.id, channelId: text.body.id } },
    { t: "CHANNEL_CREATE", d: voice.body, to: { guildId: g.id, channelId: voice.body.id } },
  ]);
  const names = (await c.get(`/guilds/${g.id}`, { token: owner })).body.channels.map((
    ch: { name: string },
  ) => ch.name);
  expect(names).toEqual(["general", "General", "book-talk", "Quiet Room"]);
});

test("channel management needs MANAGE_CHANNELS: members get 403, outsiders 404, nothing changes", async () => {
  const { c, g, member, outsider } = await setup();
  const general = g.channels[0].id;
  for (const [token, status] of [[member, 403], [outsider, 404]] as const) {
    const opts = { token };
    expect((await c.post(`/guilds/${g.id}/channels`, { name: "x", type: "text" }, opts)).status)
      .toBe(status);
    expect((await c.patch(`/channels/${general}`, { name: "x" }, opts)).status).toBe(status);
    expect((await c.request("DELETE", `/channels/${general}`, undefined, opts)).status)
      .toBe(status);
    expect(
      (await c.patch(`/guilds/${g.id}/channels`, [{ id: general, position: 5 }], opts)).status,
    ).toBe(status);
  }
  expect((await c.get(`/guilds/${g.id}`, { token: member })).body.channels).toEqual(g.channels);
  expect(ctx.events).toEqual([]);
});

test("POST /guilds/:id/channels refuses bad bodies and creates nothing", async () => {
  const { c, g, owner } = await setup();
  for (
    const body of [
      {},
      { name: "x" },
      { name: "", type: "text" },
      { name: "x".repeat(101), type: "text" },
      { name: "x", type: "dm" },
      { name: "x", type: "text", topic: "t".repeat(1025) },
      { name: "x", type: "text", position: 0 },
    ]
  ) {
    const res = await c.post(`/guilds/${g.id}/channels`, body, { token: owner });
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  expect((await c.get(`/guilds/${g.id}`, { token: owner })).body.channels).toHaveLength(2);
  expect(ctx.events).toEqual([]);
});

test("PATCH /channels/:id renames, re-topics and moves; voice names keep their case", async () => {
  const { c, g, owner } = await setup();
  const [general, voice] = g.channels;
  const res = await c.patch(`/channels/${general.id}`, {
    name: "Front Desk",
    topic: "Say hi",
    position: 4,
  }, { token: owner });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ ...general, name: "front-desk", topic: "Say hi", position: 4 });
  const v = await c.patch(`/channels/${voice.id}`, { name: "Big Hall" }, { token: owner });
  expect(v.body.name).toBe("Big Hall");
  const cleared = await c.patch(`/channels/${general.id}`, { topic: null }, { token: owner });
  expect(cleared.body.topic).toBeNull();
  expect(ctx.events.map((e) => [e.t, e.to])).toEqual([
    ["CHANNEL_UPDATE", { guildId: g.id, channelId: general.id }],
    ["CHANNEL_UPDATE", { guildId: g.id, channelId: voice.id }],
    ["CHANNEL_UPDATE", { guildId: g.id, channelId: general.id }],
  ]);
  for (const body of [{ name: "" }, { position: -1 }, { position: 1.5 }, { type: "voice" }]) {
    expect((await c.patch(`/channels/${general.id}`, body, { token: owner })).status).toBe(400);
  }
});

test("DELETE /channels/:id deletes a channel but never the last text channel", async () => {
  const { c, g, owner } = await setup();
  const [general, voice] = g.channels;
  const last = await c.request("DELETE", `/channels/${general.id}`, undefined, { token: owner });
  expect(last.status).toBe(409);
  expect(last.body.title).toBe("Cannot delete the last text channel of a server");
  const extra = (await c.post(`/guilds/${g.id}/channels`, { name: "more", type: "text" }, {
    token: owner,
  })).body;
  ctx.events.length = 0;
  expect((await c.request("DELETE", `/channels/${general.id}`, undefined, { token: owner })).status)
    .toBe(204);
  expect((await c.request("DELETE", `/channels/${voice.id}`, undefined, { token: owner })).status)
    .toBe(204);
  expect(ctx.events).toEqual([
    { t: "CHANNEL_DELETE", d: general, to: { guildId: g.id, channelId: general.id } },
    { t: "CHANNEL_DELETE", d: voice, to: { guildId: g.id, channelId: voice.id } },
  ]);
  expect((await c.get(`/guilds/${g.id}`, { token: owner })).body.channels).toEqual([extra]);
  expect((await c.request("DELETE", `/channels/${general.id}`, undefined, { token: owner })).status)
    .toBe(404);
});

test("PATCH /guilds/:id/channels reorders channels and answers with all of them in order", async () => {
  const { c, g, owner } = await setup();
  const [general, voice] = g.channels;
  const res = await c.patch(`/guilds/${g.id}/channels`, [
    { id: general.id, position: 1 },
    { id: voice.id, position: 0 },
  ], { token: owner });
  expect(res.status).toBe(200);
  expect(res.body).toEqual([{ ...voice, position: 0 }, { ...general, position: 1 }]);
  expect(ctx.events.map((e) => [e.t, (e.d as { id: string }).id])).toEqual([
    ["CHANNEL_UPDATE", general.id],
    ["CHANNEL_UPDATE", voice.id],
  ]);
});

test("PATCH /guilds/:id/channels refuses ids of other servers and duplicates, changing nothing", async () => {
  const { c, g, owner } = await setup();
  const other = (await c.post("/guilds", { name: "B" }, { token: owner })).body;
  ctx.events.length = 0;
  const [general, voice] = g.channels;
  for (
    const body of [
      [{ id: general.id, position: 3 }, { id: other.channels[0].id, position: 0 }],
      [{ id: general.id, position: 3 }, { id: general.id, position: 4 }],
      [],
      [{ id: voice.id }],
      { id: voice.id, position: 1 },
    ]
  ) {
    const res = await c.patch(`/guilds/${g.id}/channels`, body, { token: owner });
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  expect((await c.get(`/guilds/${g.id}`, { token: owner })).body.channels).toEqual(g.channels);
  expect((await c.get(`/guilds/${other.id}`, { token: owner })).body.channels).toEqual(
    other.channels,
  );
  expect(ctx.events).toEqual([]);
});
