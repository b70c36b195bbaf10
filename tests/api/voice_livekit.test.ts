import { decodeJwt } from "jose";
import { expect, test } from "vitest";
import { useTestApp } from "../support/app.ts";
import { LIVEKIT_ENV, signedWebhook, voiceEvents, voiceGuild } from "./voice_helpers.ts";

const ctx = useTestApp({ env: LIVEKIT_ENV });

function event(name: string, room: string, identity: string, id: string = crypto.randomUUID()) {
  return {
    event: name,
    id: `EV_${id}`,
    createdAt: String(Math.floor(ctx.t.clock.now() / 1000)),
    room: { name: room, sid: "RM_x" },
    participant: { identity, name: "someone", sid: "PA_x" },
  };
}

function post(hook: { body: string; authorization: string }) {
  return ctx.t.client().post("/voice/livekit/webhook", undefined, {
    raw: hook.body,
    headers: { "content-type": "application/webhook+json", authorization: hook.authorization },
  });
}

test("joining answers with a LiveKit token for the channel's room, needing no gateway session", async () => {
  const { c, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const res = await c.post(`/channels/${voiceId}/voice`, undefined, { token: alice.token });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    mode: "livekit",
    url: LIVEKIT_ENV.LIVEKIT_URL,
    token: expect.any(String),
  });
  const claims = decodeJwt(res.body.token);
  expect(claims).toMatchObject({
    iss: LIVEKIT_ENV.LIVEKIT_API_KEY,
    sub: alice.id,
    name: "alice",
    video: { roomJoin: true, room: voiceId, canPublish: true, canSubscribe: true },
  });
  expect(claims.exp! - claims.nbf!).toBe(600);
  // The room's state comes from LiveKit's webhook, not from the token.
  expect(voiceEvents(ctx)).toEqual([]);
});

test("joining a text channel or one of another server is refused without a token", async () => {
  const { c, voiceId, textId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const mallory = await c.register("mallory");
  expect((await c.post(`/channels/${textId}/voice`, {}, { token: alice.token })).status).toBe(400);
  expect((await c.post(`/channels/${voiceId}/voice`, {}, { token: mallory.accessToken })).status)
    .toBe(404);
});

test("participant_joined and participant_left become VOICE_STATE_UPDATE for who may view the channel", async () => {
  const { guildId, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const joined = await post(await signedWebhook(event("participant_joined", voiceId, alice.id)));
  expect(joined.status).toBe(200);
  expect(joined.body).toEqual({ event: "participant_joined", applied: true });
  expect(await ctx.t.services.voice.statesForGuilds([guildId])).toHaveLength(1);
  const left = await post(await signedWebhook(event("participant_left", voiceId, alice.id)));
  expect(left.body).toEqual({ event: "participant_left", applied: true });
  expect(voiceEvents(ctx)).toEqual([
    {
      d: { userId: alice.id, guildId, channelId: voiceId, muted: false, deafened: false },
      to: { guildId, channelId: voiceId },
    },
    {
      d: { userId: alice.id, guildId, channelId: null, muted: false, deafened: false },
      to: { guildId, channelId: voiceId },
    },
  ]);
});

test("mute and deafen work on a LiveKit voice state", async () => {
  const { c, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  await post(await signedWebhook(event("participant_joined", voiceId, alice.id)));
  const res = await c.patch(`/channels/${voiceId}/voice`, { muted: true }, { token: alice.token });
  expect(res.body).toMatchObject({ userId: alice.id, channelId: voiceId, muted: true });
});

test("a tampered body, another key, or no signature is refused and changes nothing", async () => {
  const { voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const good = await signedWebhook(event("participant_joined", voiceId, alice.id));
  const tampered = { ...good, body: good.body.replace("participant_joined", "participant_left") };
  const forged = await signedWebhook(event("participant_joined", voiceId, alice.id), {
    apiKey: LIVEKIT_ENV.LIVEKIT_API_KEY,
    apiSecret: "not-the-secret-but-just-as-long-as-it",
  });
  for (const hook of [tampered, forged, { ...good, authorization: "" }]) {
    const res = await post(hook);
    expect(res.status).toBe(401);
    expect(res.body.title).toBe("Webhook signature is invalid");
  }
  expect(voiceEvents(ctx)).toEqual([]);
  // The genuine one still works: refusals did not use up its id.
  expect((await post(good)).status).toBe(200);
});

test("a replayed event is refused and applied only once", async () => {
  const { guildId, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const left = await signedWebhook(event("participant_left", voiceId, alice.id, "left-1"));
  await post(await signedWebhook(event("participant_joined", voiceId, alice.id)));
  expect((await post(left)).status).toBe(200);
  await post(await signedWebhook(event("participant_joined", voiceId, alice.id)));
  const replay = await post(left);
  expect(replay.status).toBe(409);
  expect(replay.body.title).toBe("Webhook event was already received");
  const states = await ctx.t.services.voice.statesForGuilds([guildId]);
  expect(states.map((s) => s.userId)).toEqual([alice.id]);
});

test("an old event is refused", async () => {
  const { voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const old = event("participant_joined", voiceId, alice.id);
  old.createdAt = String(Math.floor(ctx.t.clock.now() / 1000) - 3600);
  const res = await post(await signedWebhook(old));
  expect(res.status).toBe(400);
  expect(voiceEvents(ctx)).toEqual([]);
});

test("events about strangers or unknown rooms are acknowledged and ignored", async () => {
  const { c, voiceId } = await voiceGuild(ctx, ["alice"]);
  const mallory = await c.register("mallory");
  const stranger = await post(
    await signedWebhook(event("participant_joined", voiceId, mallory.user.id)),
  );
  expect(stranger.body).toEqual({ event: "participant_joined", applied: false });
  const started = await post(
    await signedWebhook({ ...event("room_started", voiceId, ""), participant: undefined }),
  );
  expect(started.body).toEqual({ event: "room_started", applied: false });
  expect(voiceEvents(ctx)).toEqual([]);
});
