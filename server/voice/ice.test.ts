import { describe, expect, test } from "vitest";
import { loadConfig } from "../config.ts";
import { iceServersFor, turnCredentials } from "./ice.ts";

/** The password coturn expects for a username under `use-auth-secret`, computed independently. */
async function coturnPassword(secret: string, username: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["verify", "sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(username));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

const secret = "north-wind-sixteen+";
const userId = "01J9ZK3Q4M5N6P7R8S9T0V1W2X";

describe("turnCredentials()", () => {
  test("username is `<expiry>:<userId>` and the password is the secret's HMAC-SHA1 of it", async () => {
    const now = Date.UTC(2026, 0, 1);
    const c = await turnCredentials(secret, userId, now, 3600);
    expect(c.username).toBe(`${now / 1000 + 3600}:${userId}`);
    expect(c.expiresAt).toBe(now / 1000 + 3600);
    expect(c.credential).toBe(await coturnPassword(secret, c.username));
    expect(atob(c.credential)).toHaveLength(20);
  });

  test("another secret gives a password coturn would refuse", async () => {
    const c = await turnCredentials(secret, userId, Date.now(), 60);
    expect(c.credential).not.toBe(await coturnPassword("another-secret-value", c.username));
  });

  test("credentials expire TURN_TTL seconds after they are minted", async () => {
    const now = 1_800_000_000_500;
    const c = await turnCredentials(secret, userId, now, 600);
    expect(Number(c.username.split(":")[0])).toBe(1_800_000_600);
  });
});

describe("iceServersFor()", () => {
  test("nothing configured: no ICE servers (host candidates only)", async () => {
    expect(await iceServersFor(loadConfig({}).voice, userId, Date.now())).toEqual([]);
  });

  test("ICE_SERVERS as given, then TURN_URL with fresh credentials", async () => {
    const voice = loadConfig({
      ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"}]',
      TURN_URL: "turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349",
      TURN_SECRET: secret,
      TURN_TTL: "120",
    }).voice;
    const now = Date.UTC(2026, 0, 1);
    const servers = await iceServersFor(voice, userId, now);
    expect(servers).toEqual([
      { urls: "stun:stun.example.org:3478" },
      {
        urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"],
        username: `${now / 1000 + 120}:${userId}`,
        credential: await coturnPassword(secret, `${now / 1000 + 120}:${userId}`),
      },
    ]);
  });
});
