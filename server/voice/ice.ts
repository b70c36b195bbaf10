/**
 * ICE servers for mesh voice: the configured STUN/TURN servers, plus a
 * coturn reached with time-limited credentials (the "TURN REST API" of
 * coturn's `use-auth-secret`): nothing per user is stored on the TURN
 * server, and a leaked credential stops working at its expiry.
 */
import type { VoiceConfig } from "../config.ts";
import type { IceServer } from "../wire/types.ts";

/** A TURN username and password valid until `expiresAt` (unix seconds). */
export interface TurnCredentials {
  username: string;
  credential: string;
  expiresAt: number;
}

/**
 * Credentials as coturn checks them: username `<expiry unix seconds>:<userId>`,
 * password base64(HMAC-SHA1(secret, username)).
 */
export async function turnCredentials(
  secret: string,
  userId: string,
  nowMs: number,
  ttlSeconds: number,
): Promise<TurnCredentials> {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${userId}`;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(username));
  let binary = "";
  for (const b of new Uint8Array(mac)) binary += String.fromCharCode(b);
  return { username, credential: btoa(binary), expiresAt };
}

/** The ICE servers one joiner gets: the static ones, then the TURN server with fresh credentials. */
export async function iceServersFor(
  voice: VoiceConfig,
  userId: string,
  nowMs: number,
): Promise<IceServer[]> {
  const servers = voice.iceServers.map((s) => ({ ...s }));
  if (voice.turn) {
    const { username, credential } = await turnCredentials(
      voice.turn.secret,
      userId,
      nowMs,
      voice.turn.ttlSeconds,
    );
    servers.push({ urls: voice.turn.urls, username, credential });
  }
  return servers;
}
