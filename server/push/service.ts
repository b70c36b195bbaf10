/**
 * Push subscriptions and notification settings as the REST API uses them.
 * A subscription is keyed by its endpoint (one per browser), so the same
 * browser subscribing for a second account moves to that account.
 */
import type { Clock } from "../clock.ts";
import { fromBase64Url, toBase64Url } from "../crypto/encoding.ts";
import { AppError, notFound } from "../errors.ts";
import type { NotificationSettingsRecord, Store } from "../store/port.ts";
import { checkEndpoint } from "./endpoint.ts";

/** Devices one user may subscribe; subscribing one more forgets the oldest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 20;

/** What a client sends: a `PushSubscription.toJSON()`, plus an optional device label. */
export interface SubscriptionInput {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
  device?: string | null;
}

/** A stored subscription as its owner sees it. */
export interface SubscriptionView {
  endpoint: string;
  device: string | null;
  createdAt: string;
}

/** The notification settings as the API shows them. */
export type NotificationSettings = Omit<NotificationSettingsRecord, "userId">;

/** What {@link PushService} needs. */
export interface PushServiceDeps {
  store: Store;
  clock: Clock;
  /** Accept endpoints on private and loopback hosts (tests, closed networks). */
  allowPrivateEndpoints: boolean;
}

/** The id of a subscription: base64url SHA-256 of its endpoint. */
export async function subscriptionId(endpoint: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(endpoint));
  return toBase64Url(new Uint8Array(digest));
}

function invalidKey(path: string, detail: string): AppError {
  return new AppError("validation_failed", "Push subscription is invalid", {
    detail: `${path}: ${detail}`,
    errors: [{ path, message: detail }],
  });
}

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function bigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** Whether the uncompressed point satisfies y² = x³ − 3x + b (mod p) on P-256. */
function onP256(point: Uint8Array): boolean {
  const x = bigint(point.subarray(1, 33));
  const y = bigint(point.subarray(33, 65));
  if (x >= P || y >= P) return false;
  const mod = (n: bigint) => ((n % P) + P) % P;
  return mod(y * y) === mod(x * x * x - 3n * x + B);
}

/** Throws unless `p256dh` is a P-256 public key and `auth` 16 bytes, as browsers make them. */
function checkKeys(keys: SubscriptionInput["keys"]): void {
  let point: Uint8Array<ArrayBuffer>;
  try {
    point = fromBase64Url(keys.p256dh);
  } catch {
    throw invalidKey("keys.p256dh", "is not base64url");
  }
  if (point.length !== 65 || point[0] !== 4) {
    throw invalidKey("keys.p256dh", `must be a 65-byte uncompressed point, got ${point.length}`);
  }
  if (!onP256(point)) throw invalidKey("keys.p256dh", "is not a point on P-256");
  let auth: Uint8Array;
  try {
    auth = fromBase64Url(keys.auth);
  } catch {
    throw invalidKey("keys.auth", "is not base64url");
  }
  if (auth.length !== 16) throw invalidKey("keys.auth", `must be 16 bytes, got ${auth.length}`);
}

/** Subscriptions and settings of the logged-in user. */
export class PushService {
  constructor(private readonly deps: PushServiceDeps) {}

  /** Stores (or refreshes) the browser's subscription for the user. */
  async subscribe(userId: string, input: SubscriptionInput): Promise<SubscriptionView> {
    checkEndpoint(input.endpoint, this.deps.allowPrivateEndpoints);
    checkKeys(input.keys);
    const { store, clock } = this.deps;
    const id = await subscriptionId(input.endpoint);
    const existing = await store.pushSubscriptions.get(id);
    const record = {
      id,
      userId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      device: input.device ?? null,
      createdAt: new Date(clock.now()).toISOString(),
      tags: existing?.userId === userId ? existing.tags : [],
    };
    await store.pushSubscriptions.put(record);
    const all = await store.pushSubscriptions.listByUser(userId);
    const excess = all.filter((s) => s.id !== id).slice(
      0,
      Math.max(0, all.length - MAX_SUBSCRIPTIONS_PER_USER),
    );
    for (const old of excess) await store.pushSubscriptions.delete(old.id);
    return { endpoint: record.endpoint, device: record.device, createdAt: record.createdAt };
  }

  /** Removes the user's subscription of `endpoint`; `not_found` when they have none. */
  async unsubscribe(userId: string, endpoint: string): Promise<void> {
    const { store } = this.deps;
    const id = await subscriptionId(endpoint);
    const sub = await store.pushSubscriptions.get(id);
    if (!sub || sub.userId !== userId) {
      throw notFound("Push subscription", "you have no subscription with this endpoint");
    }
    await store.pushSubscriptions.delete(id);
  }

  /** The user's notification settings. */
  async settings(userId: string): Promise<NotificationSettings> {
    const { userId: _, ...settings } = await this.deps.store.notificationSettings.get(userId);
    return settings;
  }

  /** Replaces the user's notification settings (ids are kept once each). */
  async setSettings(userId: string, input: NotificationSettings): Promise<NotificationSettings> {
    const settings = {
      mutedGuildIds: [...new Set(input.mutedGuildIds)],
      mutedChannelIds: [...new Set(input.mutedChannelIds)],
      suppressEveryoneGuildIds: [...new Set(input.suppressEveryoneGuildIds)],
    };
    await this.deps.store.notificationSettings.set({ userId, ...settings });
    return settings;
  }
}
