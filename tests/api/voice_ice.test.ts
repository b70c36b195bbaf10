import { expect, test } from "vitest";
import { useTestApp } from "../support/app.ts";
import { joinMesh, voiceGuild } from "./voice_helpers.ts";

const TURN_SECRET = "coturn-static-auth-secret";
const ctx = useTestApp({
  env: {
    ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"}]',
    TURN_URL: "turn:127.0.0.1:3478?transport=udp",
    TURN_SECRET,
    TURN_TTL: "600",
    VOICE_MESH_LIMIT: "2",
  },
});

/** What coturn computes for a username under `use-auth-secret`. */
async function coturnPassword(username: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(TURN_SECRET),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(username));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

test("a mesh join hands out the configured ICE servers and TURN credentials for the joiner", async () => {
  const { c, voiceId, people: [alice] } = await voiceGuild(ctx, ["alice"]);
  const res = await joinMesh(ctx, c, alice, voiceId);
  expect(res.status).toBe(200);
  const [stun, turn] = res.body.iceServers;
  expect(stun).toEqual({ urls: "stun:stun.example.org:3478" });
  const expiry = Math.floor(ctx.t.clock.now() / 1000) + 600;
  expect(turn).toEqual({
    urls: ["turn:127.0.0.1:3478?transport=udp"],
    username: `${expiry}:${alice.id}`,
    credential: await coturnPassword(`${expiry}:${alice.id}`),
  });
});

test("VOICE_MESH_LIMIT sets the room size in the refusal", async () => {
  const { c, voiceId, people } = await voiceGuild(ctx, ["alice", "bob", "carol"]);
  await joinMesh(ctx, c, people[0], voiceId);
  await joinMesh(ctx, c, people[1], voiceId);
  const third = await joinMesh(ctx, c, people[2], voiceId);
  expect(third.status).toBe(409);
  expect(third.body.title).toBe("Cannot join voice channel as it is full: 2 of 2 participants");
});
