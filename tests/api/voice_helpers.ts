/** Shared set-up of the voice API suites: a guild with members, and LiveKit-signed webhooks. */
import { AccessToken } from "livekit-server-sdk";
import type { TestClient, TestContext } from "../support/app.ts";

/** A member as the voice suites hold them. */
export interface Person {
  id: string;
  token: string;
}

/** A guild owned by `people[0]` with every other person joined; its voice and text channel ids. */
export async function voiceGuild(ctx: TestContext, names: string[]) {
  const c = ctx.t.client();
  const people: Person[] = [];
  for (const name of names) {
    const { user, accessToken } = await c.register(name);
    people.push({ id: user.id, token: accessToken });
  }
  const owner = people[0].token;
  const guild = (await c.post("/guilds", { name: "Voice" }, { token: owner })).body;
  const invite = (await c.post(`/guilds/${guild.id}/invites`, {}, { token: owner })).body;
  for (const p of people.slice(1)) {
    await c.post(`/invites/${invite.code}`, undefined, { token: p.token });
  }
  const voiceId: string = guild.channels.find((ch: { type: string }) => ch.type === "voice").id;
  const textId: string = guild.channels.find((ch: { type: string }) => ch.type === "text").id;
  ctx.events.length = 0;
  return { c, guildId: guild.id as string, voiceId, textId, people };
}

/** Joins `channelId` in mesh mode with a fresh gateway session id. */
export function joinMesh(ctx: TestContext, c: TestClient, p: Person, channelId: string) {
  return c.post(`/channels/${channelId}/voice`, { sessionId: ctx.t.services.ids.next() }, {
    token: p.token,
  });
}

/** The VOICE_STATE_UPDATE events published since the test's last reset, by payload. */
export function voiceEvents(ctx: TestContext) {
  return ctx.events.filter((e) => e.t === "VOICE_STATE_UPDATE" && !e.voiceSignal)
    .map((e) => ({ d: e.d, to: e.to }));
}

/** The LiveKit keys the LiveKit suites configure (dummy: no LiveKit server is contacted). */
export const LIVEKIT_ENV = {
  LIVEKIT_URL: "wss://livekit.invalid",
  LIVEKIT_API_KEY: "APItestkey",
  LIVEKIT_API_SECRET: "test-secret-of-at-least-thirty-two-characters",
};

/** A LiveKit webhook body and its `Authorization`, signed as LiveKit signs them. */
export async function signedWebhook(
  event: Record<string, unknown>,
  keys = { apiKey: LIVEKIT_ENV.LIVEKIT_API_KEY, apiSecret: LIVEKIT_ENV.LIVEKIT_API_SECRET },
): Promise<{ body: string; authorization: string }> {
  const body = JSON.stringify(event);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const token = new AccessToken(keys.apiKey, keys.apiSecret);
  token.sha256 = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return { body, authorization: await token.toJwt() };
}
