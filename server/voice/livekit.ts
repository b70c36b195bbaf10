/**
 * LiveKit: room tokens for joiners, and verification of LiveKit's
 * webhooks. Both use `livekit-server-sdk`, so the JWT claims and the
 * webhook signature check are exactly what LiveKit itself expects.
 */
import { AccessToken, WebhookReceiver } from "livekit-server-sdk";
import { AppError } from "../errors.ts";

/** How long a room token may be used to connect (LiveKit refreshes it once connected). */
export const LIVEKIT_TOKEN_TTL_SECONDS = 600;
/** Webhook events older than this are refused (replays are refused by id). */
export const WEBHOOK_MAX_AGE_SECONDS = 300;

/** The API key pair of a LiveKit deployment. */
export interface LiveKitKeys {
  apiKey: string;
  apiSecret: string;
}

/** Who joins which room, and what they may do there. */
export interface RoomGrant {
  room: string;
  identity: string;
  name: string;
  canPublish: boolean;
  canSubscribe: boolean;
}

/** A room-join token (HS256 JWT) for one participant, valid {@link LIVEKIT_TOKEN_TTL_SECONDS}. */
export async function mintRoomToken(keys: LiveKitKeys, grant: RoomGrant): Promise<string> {
  const token = new AccessToken(keys.apiKey, keys.apiSecret, {
    identity: grant.identity,
    name: grant.name,
    ttl: LIVEKIT_TOKEN_TTL_SECONDS,
  });
  token.addGrant({
    roomJoin: true,
    room: grant.room,
    canPublish: grant.canPublish,
    canSubscribe: grant.canSubscribe,
    canPublishData: false,
  });
  return await token.toJwt();
}

/** The parts of a webhook event the server acts on. */
export interface LiveKitEvent {
  id: string;
  event: string;
  /** Unix seconds. */
  createdAt: number;
  room: string | null;
  identity: string | null;
}

/**
 * Verifies a webhook (the `Authorization` JWT signed with the API secret,
 * carrying the SHA-256 of the exact body) and returns its event;
 * `unauthorized` when the signature, key or body digest do not match.
 */
export async function verifyWebhook(
  receiver: WebhookReceiver,
  body: string,
  authorization: string | undefined,
): Promise<LiveKitEvent> {
  const token = authorization?.replace(/^Bearer\s+/i, "");
  let event;
  try {
    event = await receiver.receive(body, token);
  } catch (e) {
    throw new AppError("unauthorized", "Webhook signature is invalid", {
      detail: e instanceof Error ? e.message : "the Authorization header did not verify",
    });
  }
  return {
    id: event.id,
    event: event.event,
    createdAt: Number(event.createdAt),
    room: event.room?.name || null,
    identity: event.participant?.identity || null,
  };
}

/** A receiver of webhooks signed with these keys. */
export function webhookReceiver(keys: LiveKitKeys): WebhookReceiver {
  return new WebhookReceiver(keys.apiKey, keys.apiSecret);
}
