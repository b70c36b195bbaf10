/**
 * Against a real LiveKit server: runs only when `LIVEKIT_URL`,
 * `LIVEKIT_API_KEY` and `LIVEKIT_API_SECRET` are set (e.g. `infra/compose.yaml`'s
 * LiveKit); otherwise the suite is reported as skipped, with the reason.
 * The token the API hands out must let a participant into the channel's
 * room under the user's id and display name.
 */
import { RoomServiceClient } from "livekit-server-sdk";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

const url = Deno.env.get("LIVEKIT_URL");
const apiKey = Deno.env.get("LIVEKIT_API_KEY");
const apiSecret = Deno.env.get("LIVEKIT_API_SECRET");
const configured = Boolean(url && apiKey && apiSecret);

if (!configured) {
  console.warn(
    "LiveKit end-to-end suite skipped: LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET " +
      "are not set (no LiveKit server on this machine)",
  );
}

/** Opens LiveKit's signalling socket with a token; resolves once the server answered. */
function signalling(token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url!.replace(/^http/, "ws")}/rtc?access_token=${token}&protocol=15`);
  ws.binaryType = "arraybuffer";
  return new Promise((resolve, reject) => {
    ws.onmessage = () => resolve(ws);
    ws.onerror = () => reject(new Error("LiveKit refused the signalling connection"));
    ws.onclose = (e) => reject(new Error(`LiveKit closed the signalling socket: ${e.code}`));
  });
}

describe.skipIf(!configured)("LiveKit end to end", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({
      env: { LIVEKIT_URL: url!, LIVEKIT_API_KEY: apiKey!, LIVEKIT_API_SECRET: apiSecret! },
    });
  });
  afterEach(() => t.close());

  test("a member's token lets them into the channel's room as themself", async () => {
    const c = t.client();
    const alice = await c.register("alice", { displayName: "Alice L" });
    const guild = (await c.post("/guilds", { name: "LK" }, { token: alice.accessToken })).body;
    const voiceId = guild.channels.find((ch: { type: string }) => ch.type === "voice").id;
    const join = await c.post(`/channels/${voiceId}/voice`, {}, { token: alice.accessToken });
    expect(join.body.mode).toBe("livekit");
    const ws = await signalling(join.body.token);
    try {
      const rooms = new RoomServiceClient(url!.replace(/^ws/, "http"), apiKey!, apiSecret!);
      const participants = await rooms.listParticipants(voiceId);
      expect(participants.map((p) => [p.identity, p.name])).toContainEqual([
        alice.user.id,
        "Alice L",
      ]);
    } finally {
      ws.close();
    }
  });
});
