import { expect, test } from "vitest";
import { useTestApp } from "../support/app.ts";
import { joinMesh, voiceEvents, voiceGuild } from "./voice_helpers.ts";

const ctx = useTestApp();

const FULL = "Cannot join voice channel as it is full: 8 of 8 participants";

test("joining a voice channel in mesh mode answers with the room and tells the channel's viewers", async () => {
  const { c, guildId, voiceId, people: [alice, bob] } = await voiceGuild(ctx, ["alice", "bob"]);
  const first = await joinMesh(ctx, c, alice, voiceId);
  expect(first.status).toBe(200);
  expect(first.body).toEqual({
    mode: "mesh",
    iceServers: [],
    sessionId: expect.stringMatching(/^[0-9A-Z]{26}$/),
    participants: [
      { userId: alice.id, guildId, channelId: voiceId, muted: false, deafened: false },
    ],
  });
  const second = await joinMesh(ctx, c, bob, voiceId);
  expect(second.body.participants.map((p: { userId: string }) => p.userId).sort()).toEqual(
    [alice.id, bob.id].sort(),
  );
  expect(second.body.sessionId).not.toBe(first.body.sessionId);
  expect(voiceEvents(ctx)).toEqual([
    {
      d: { userId: alice.id, guildId, channelId: voiceId, muted: false, deafened: false },
      to: { guildId, channelId: voiceId },
    },
    {
      d: { userId: bob.id, guildId, channelId: voiceId, muted: false, deafened: false },
      to: { guildId, channelId: voiceId },
    },
  ]);
});

test("mute and deafen are stored and broadcast to the channel's viewers", async () => {
  const { c, guildId, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  await joinMesh(ctx, c, alice, voiceId);
  ctx.events.length = 0;
  const muted = await c.patch(`/channels/${voiceId}/voice`, { muted: true }, {
    token: alice.token,
  });
  expect(muted.status).toBe(200);
  expect(muted.body).toEqual({
    userId: alice.id,
    guildId,
    channelId: voiceId,
    muted: true,
    deafened: false,
  });
  const deaf = await c.patch(`/channels/${voiceId}/voice`, { deafened: true }, {
    token: alice.token,
  });
  expect(deaf.body).toMatchObject({ muted: true, deafened: true });
  expect(voiceEvents(ctx).map((e) => e.d)).toEqual([muted.body, deaf.body]);
});

test("leaving tells the channel's viewers with channelId null, and leaving again changes nothing", async () => {
  const { c, guildId, voiceId, people: [alice, bob] } = await voiceGuild(ctx, ["alice", "bob"]);
  await joinMesh(ctx, c, alice, voiceId);
  await joinMesh(ctx, c, bob, voiceId);
  ctx.events.length = 0;
  const left = await c.request("DELETE", `/channels/${voiceId}/voice`, undefined, {
    token: alice.token,
  });
  expect(left.status).toBe(204);
  const again = await c.request("DELETE", `/channels/${voiceId}/voice`, undefined, {
    token: alice.token,
  });
  expect(again.status).toBe(204);
  expect(voiceEvents(ctx)).toEqual([{
    d: { userId: alice.id, guildId, channelId: null, muted: false, deafened: false },
    to: { guildId, channelId: voiceId },
  }]);
  const rejoin = await joinMesh(ctx, c, alice, voiceId);
  expect(rejoin.body.participants).toHaveLength(2);
});

test("joining another voice channel moves the user out of the first", async () => {
  const { c, guildId, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const other = (await c.post(`/guilds/${guildId}/channels`, { name: "Loud", type: "voice" }, {
    token: alice.token,
  })).body;
  await joinMesh(ctx, c, alice, voiceId);
  const moved = await joinMesh(ctx, c, alice, other.id);
  expect(moved.body.participants).toEqual([
    { userId: alice.id, guildId, channelId: other.id, muted: false, deafened: false },
  ]);
  const state = await c.patch(`/channels/${voiceId}/voice`, { muted: true }, {
    token: alice.token,
  });
  expect(state.status).toBe(404);
});

test("the ninth participant of a mesh room is refused with the room's state", async () => {
  const names = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"];
  const { c, voiceId, people } = await voiceGuild(ctx, names);
  for (const p of people.slice(0, 8)) expect((await joinMesh(ctx, c, p, voiceId)).status).toBe(200);
  ctx.events.length = 0;
  const ninth = await joinMesh(ctx, c, people[8], voiceId);
  expect(ninth.status).toBe(409);
  expect(ninth.body.title).toBe(FULL);
  expect(ninth.body.type).toBe("conflict");
  expect(voiceEvents(ctx)).toEqual([]);
  // Someone already inside may rejoin (a new gateway session) without being counted twice.
  expect((await joinMesh(ctx, c, people[0], voiceId)).status).toBe(200);
  await c.request("DELETE", `/channels/${voiceId}/voice`, undefined, { token: people[1].token });
  expect((await joinMesh(ctx, c, people[8], voiceId)).status).toBe(200);
});

test("a channel of a server one is not in, or that does not exist, is not found", async () => {
  const { c, voiceId } = await voiceGuild(ctx, ["alice"]);
  const outsider = await c.register("mallory");
  const res = await c.post(`/channels/${voiceId}/voice`, { sessionId: ctx.t.services.ids.next() }, {
    token: outsider.accessToken,
  });
  expect(res.status).toBe(404);
  const unknown = await c.post(`/channels/${ctx.t.services.ids.next()}/voice`, {
    sessionId: ctx.t.services.ids.next(),
  }, { token: outsider.accessToken });
  expect(unknown.status).toBe(404);
  expect(voiceEvents(ctx)).toEqual([]);
});

test("a text channel cannot be joined", async () => {
  const { c, textId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const res = await joinMesh(ctx, c, alice, textId);
  expect(res.status).toBe(400);
  expect(res.body.title).toBe("Cannot join a text channel");
  expect(voiceEvents(ctx)).toEqual([]);
});

test("bad bodies are refused and change nothing", async () => {
  const { c, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const token = alice.token;
  const bad: [string, string, unknown][] = [
    ["POST", `/channels/${voiceId}/voice`, {}],
    ["POST", `/channels/${voiceId}/voice`, { sessionId: "not-an-id" }],
    ["POST", `/channels/${voiceId}/voice`, { sessionId: ctx.t.services.ids.next(), x: 1 }],
    ["POST", `/channels/${voiceId}/voice`, []],
    ["POST", "/channels/nope/voice", { sessionId: ctx.t.services.ids.next() }],
    ["PATCH", `/channels/${voiceId}/voice`, {}],
    ["PATCH", `/channels/${voiceId}/voice`, { muted: "yes" }],
    ["PATCH", `/channels/${voiceId}/voice`, { muted: true, loud: true }],
  ];
  for (const [method, path, body] of bad) {
    const res = await c.request(method, path, body, { token });
    expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
  }
  expect(voiceEvents(ctx)).toEqual([]);
  expect((await c.post(`/channels/${voiceId}/voice`, {}, {})).status).toBe(401);
  expect((await joinMesh(ctx, c, alice, voiceId)).body.participants).toHaveLength(1);
});

test("muting in a channel one is not in is not found", async () => {
  const { c, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const res = await c.patch(`/channels/${voiceId}/voice`, { muted: true }, { token: alice.token });
  expect(res.status).toBe(404);
});

test("the LiveKit webhook is not found without LiveKit", async () => {
  const res = await ctx.t.client().post("/voice/livekit/webhook", { event: "room_started" });
  expect(res.status).toBe(404);
});

test("leaving the server or deleting the channel ends the voice state", async () => {
  const { c, guildId, voiceId, people: [alice, bob] } = await voiceGuild(ctx, ["alice", "bob"]);
  const extra = (await c.post(`/guilds/${guildId}/channels`, { name: "Side", type: "voice" }, {
    token: alice.token,
  })).body;
  await joinMesh(ctx, c, bob, voiceId);
  await joinMesh(ctx, c, alice, extra.id);
  ctx.events.length = 0;
  expect(
    (await c.request("DELETE", `/guilds/${guildId}/members/${bob.id}`, undefined, {
      token: bob.token,
    })).status,
  ).toBe(204);
  expect(
    (await c.request("DELETE", `/channels/${extra.id}`, undefined, {
      token: alice.token,
    })).status,
  ).toBe(204);
  await ctx.t.services.gateway.stop(); // lets the clean-up under way finish
  const left = voiceEvents(ctx).filter((e) => (e.d as { channelId: unknown }).channelId === null);
  expect(left.map((e) => (e.d as { userId: string }).userId).sort()).toEqual(
    [alice.id, bob.id].sort(),
  );
  const states = await ctx.t.services.voice.statesForGuilds([guildId]);
  expect(states).toEqual([]);
});
