/**
 * Sends one encrypted push message with `web-push` (aes128gcm payload,
 * VAPID, TTL, urgency, topic) and sorts the push service's answer into
 * what to do next: done, drop the subscription, or try again later.
 */
import webpush from "web-push";
import type { PushSubscriptionRecord } from "../store/port.ts";
import type { VapidKeys } from "./vapid.ts";

/** How long a push service keeps an undelivered message: a day. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;

/** What became of one send. */
export type SendOutcome =
  | { kind: "delivered" }
  /** The subscription is gone for good (404/410): delete it. */
  | { kind: "gone"; status: number }
  /** Worth another try (429, 5xx, timeouts, network errors), after `retryAfterMs` if given. */
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  /** Refused for a reason retrying will not fix (other 4xx). */
  | { kind: "rejected"; status: number; reason: string };

/** One message to send. */
export interface PushMessage {
  payload: string;
  urgency: "high" | "normal";
  /** Replaces an undelivered message with the same topic (≤ 32 base64url chars). */
  topic: string;
}

/** Sends to push services. */
export interface PushSender {
  send(subscription: PushSubscriptionRecord, message: PushMessage): Promise<SendOutcome>;
}

/** Transport options; tests pass an agent that trusts their local push service. */
export interface SenderOptions {
  vapid: VapidKeys;
  /** The VAPID `sub` claim: a mailto: or https: contact. */
  subject: string;
  /** A `node:https` Agent for the requests (default: the global one). */
  agent?: unknown;
  /** Request timeout (10 s). */
  timeoutMs?: number;
}

interface WebPushError {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: string;
  message?: string;
}

/** Milliseconds from a `Retry-After` header (seconds or an HTTP date). */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Sorts a failed send by the push service's status. */
export function classifyFailure(error: unknown): SendOutcome {
  const e = (error ?? {}) as WebPushError;
  const status = e.statusCode;
  if (status === 404 || status === 410) return { kind: "gone", status };
  if (status === 429 || (status !== undefined && status >= 500)) {
    const retry = retryAfterMs(e.headers?.["retry-after"]);
    return { kind: "retry", reason: `push service answered ${status}`, retryAfterMs: retry };
  }
  if (status !== undefined && status >= 400) {
    return {
      kind: "rejected",
      status,
      reason: `push service answered ${status}: ${String(e.body ?? "").slice(0, 200)}`,
    };
  }
  return { kind: "retry", reason: `push request failed: ${e.message ?? String(error)}` };
}

/** The real sender, over `web-push`. */
export function webPushSender(options: SenderOptions): PushSender {
  const vapidDetails = {
    subject: options.subject,
    publicKey: options.vapid.publicKey,
    privateKey: options.vapid.privateKey,
  };
  return {
    async send(subscription, message) {
      try {
        await webpush.sendNotification(
          {
            endpoint: subscription.endpoint,
            keys: { p256dh: subscription.p256dh, auth: subscription.auth },
          },
          message.payload,
          {
            vapidDetails,
            TTL: PUSH_TTL_SECONDS,
            urgency: message.urgency,
            topic: message.topic,
            contentEncoding: "aes128gcm",
            timeout: options.timeoutMs ?? 10_000,
            ...(options.agent ? { agent: options.agent } : {}),
          },
        );
        return { kind: "delivered" };
      } catch (error) {
        return classifyFailure(error);
      }
    },
  };
}
