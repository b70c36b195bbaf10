import { decodeJwt } from "jose";
import { AccessToken } from "livekit-server-sdk";
import { describe, expect, test } from "vitest";
import { AppError } from "../errors.ts";
import {
  LIVEKIT_TOKEN_TTL_SECONDS,
  mintRoomToken,
  verifyWebhook,
  webhookReceiver,
} from "./livekit.ts";

const keys = { apiKey: "APIkey123", apiSecret: "a-secret-of-at-least-thirty-two-chars!" };
const grant = {
  room: "01J9ZK3Q4M5N6P7R8S9T0V1W2X",
  identity: "01J9ZK3Q4M5N6P7R8S9T0V1W2Y",
  name: "Alice",
  canPublish: true,
  canSubscribe: true,
};

/** Signs a body the way LiveKit does: a JWT by the API key carrying the body's SHA-256. */
async function sign(body: string, k = keys): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)),
  );
  const token = new AccessToken(k.apiKey, k.apiSecret);
  token.sha256 = btoa(String.fromCharCode(...digest));
  return await token.toJwt();
}

const body = JSON.stringify({
  event: "participant_joined",
  id: "EV_abc",
  createdAt: "1767225600",
  room: { name: grant.room },
  participant: { identity: grant.identity, name: "Alice" },
});

describe("mintRoomToken()", () => {
  test("grants joining exactly the channel's room as the user, with their display name", async () => {
    const claims = decodeJwt(await mintRoomToken(keys, grant));
    expect(claims.iss).toBe(keys.apiKey);
    expect(claims.sub).toBe(grant.identity);
    expect(claims.name).toBe("Alice");
    expect(claims.video).toEqual({
      roomJoin: true,
      room: grant.room,
      canPublish: true,
      canSubscribe: true,
      canPublishData: false,
    });
  });

  test("lives ten minutes", async () => {
    const claims = decodeJwt(await mintRoomToken(keys, grant));
    expect(LIVEKIT_TOKEN_TTL_SECONDS).toBe(600);
    expect(claims.exp! - claims.nbf!).toBe(600);
    expect(Math.abs(claims.exp! - (Date.now() / 1000 + 600))).toBeLessThan(60);
  });

  test("a user without SPEAK may listen but not publish", async () => {
    const claims = decodeJwt(await mintRoomToken(keys, { ...grant, canPublish: false }));
    expect(claims.video).toMatchObject({ canPublish: false, canSubscribe: true });
  });
});

describe("verifyWebhook()", () => {
  const receiver = webhookReceiver(keys);

  test("accepts a body signed with the API secret and reads its event", async () => {
    const event = await verifyWebhook(receiver, body, await sign(body));
    expect(event).toEqual({
      id: "EV_abc",
      event: "participant_joined",
      createdAt: 1767225600,
      room: grant.room,
      identity: grant.identity,
    });
  });

  test("rejects a tampered body", async () => {
    const authorization = await sign(body);
    const tampered = body.replace(grant.identity, "01J9ZK3Q4M5N6P7R8S9T0V1W2Z");
    await expect(verifyWebhook(receiver, tampered, authorization)).rejects.toThrow(
      /sha256 checksum of body does not match/,
    );
  });

  test("rejects a signature by another key or secret, and a missing one", async () => {
    const otherSecret = await sign(body, {
      ...keys,
      apiSecret: "another-secret-of-thirty-two-chars!!",
    });
    const otherKey = await sign(body, { ...keys, apiKey: "someone-else" });
    for (const authorization of [otherSecret, otherKey, undefined, "garbage"]) {
      const error = await verifyWebhook(receiver, body, authorization).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe("unauthorized");
    }
  });
});
