/**
 * Web push in the page: turning notifications on (permission asked only on
 * the user's click), notification settings (muted servers and channels,
 * `@everyone` per server), and the page's side of "no noise": conversations
 * read here or on another device close their notifications and update the
 * app badge. Also follows the worker's request to open a conversation.
 */
import { effect, signal } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";
import { readStatesSig } from "../state/store.ts";
import { request } from "./api.ts";

/** Where notifications stand in this browser. */
export type PushState = "unsupported" | "default" | "denied" | "enabled" | "off";

/** The settings the server keeps (`/users/@me/notification-settings`). */
export interface NotificationSettings {
  mutedGuildIds: string[];
  mutedChannelIds: string[];
  suppressEveryoneGuildIds: string[];
}

/** Messages between pages and the worker about pushes (see `sw/push.ts`). */
export const PUSH_SYNC = "PUSH_SYNC";
export const PUSH_OPEN = "PUSH_OPEN";

const EMPTY: NotificationSettings = {
  mutedGuildIds: [],
  mutedChannelIds: [],
  suppressEveryoneGuildIds: [],
};
const settingsSig = signal<NotificationSettings>(EMPTY);

/** The user's notification settings (empty until {@link loadNotificationSettings}). */
export const notificationSettings: ReadonlySignal<NotificationSettings> = settingsSig;

function supported(): boolean {
  return typeof Notification !== "undefined" && "serviceWorker" in navigator &&
    typeof PushManager !== "undefined";
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Whether this browser is subscribed, blocked, or can still be asked. */
export async function pushState(): Promise<PushState> {
  if (!supported()) return "unsupported";
  if (Notification.permission !== "granted") return Notification.permission;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  return subscription ? "enabled" : "off";
}

/**
 * Asks for permission (call it from a click only), subscribes with the
 * server's VAPID key and registers the subscription with the server.
 */
export async function enablePush(): Promise<PushState> {
  if (!supported()) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission;
  const registration = await navigator.serviceWorker.ready;
  const { publicKey } = await request<{ publicKey: string }>("GET", "/push/vapid-public-key", {
    auth: false,
  });
  const applicationServerKey = keyBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  const current = subscription?.options.applicationServerKey;
  if (subscription && current && !sameBytes(new Uint8Array(current), applicationServerKey)) {
    await subscription.unsubscribe(); // made for other server keys: useless now
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey,
  });
  await request("POST", "/push/subscriptions", { body: subscription.toJSON() });
  return "enabled";
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Fetches the user's notification settings into {@link notificationSettings}. */
export async function loadNotificationSettings(): Promise<void> {
  settingsSig.value = await request<NotificationSettings>(
    "GET",
    "/users/@me/notification-settings",
  );
}

async function saveSettings(next: NotificationSettings): Promise<void> {
  const before = settingsSig.peek();
  settingsSig.value = next; // at once; undone when the server refuses
  try {
    settingsSig.value = await request<NotificationSettings>(
      "PUT",
      "/users/@me/notification-settings",
      { body: next },
    );
  } catch (error) {
    settingsSig.value = before;
    throw error;
  }
}

function toggled(list: string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

/** Mutes or unmutes a channel's notifications (guild channel or DM). */
export function toggleChannelMute(channelId: string): Promise<void> {
  const s = settingsSig.peek();
  return saveSettings({ ...s, mutedChannelIds: toggled(s.mutedChannelIds, channelId) });
}

/** Mutes or unmutes a whole server's notifications. */
export function toggleGuildMute(guildId: string): Promise<void> {
  const s = settingsSig.peek();
  return saveSettings({ ...s, mutedGuildIds: toggled(s.mutedGuildIds, guildId) });
}

/** Turns a server's `@everyone` notifications off or back on. */
export function toggleEveryone(guildId: string): Promise<void> {
  const s = settingsSig.peek();
  return saveSettings({
    ...s,
    suppressEveryoneGuildIds: toggled(s.suppressEveryoneGuildIds, guildId),
  });
}

let started = false;

/** What the page tells the worker after read states change. */
export interface PushSyncStep {
  /** Unread mentions over every channel. */
  badge: number;
  /** Tags of the notifications to close: channels read to the end since last time. */
  close: string[];
  /** Each judged channel's lastReadId, the `previous` of the next step. */
  judged: Map<string, string | null>;
}

/**
 * One step of the push sync. `isRead` answers null for a channel not
 * loaded yet: it is neither closed nor remembered, so it is judged once it
 * is (read states can arrive before the DM list, and a channel the page
 * does not know must not count as read and close a fresh notification).
 */
export function pushSyncStep(
  states: ReadonlyMap<string, { lastReadId: string | null; mentionCount: number }>,
  previous: ReadonlyMap<string, string | null>,
  isRead: (channelId: string) => boolean | null,
): PushSyncStep {
  const close: string[] = [];
  const judged = new Map<string, string | null>();
  let badge = 0;
  for (const [channelId, state] of states) {
    badge += state.mentionCount;
    const read = isRead(channelId);
    if (read === null) continue;
    if (previous.get(channelId) !== state.lastReadId && read) close.push(`ch:${channelId}`);
    judged.set(channelId, state.lastReadId);
  }
  return { badge, close, judged };
}

/**
 * Keeps the worker in step with the read states (badge = unread mentions;
 * channels read to the end close their notifications, see
 * {@link pushSyncStep}) and opens the conversation the worker asks for
 * after a notification click. Idempotent.
 */
export function startPushSync(isRead: (channelId: string) => boolean | null): void {
  if (started || !("serviceWorker" in navigator)) return;
  started = true;
  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data as { type?: string; url?: string } | null;
    if (data?.type !== PUSH_OPEN || typeof data.url !== "string") return;
    const url = new URL(data.url, location.origin);
    if (url.origin !== location.origin) return;
    if (url.pathname === location.pathname) location.hash = url.hash;
    else location.assign(url.href);
  });
  let previous = new Map<string, string | null>();
  effect(() => {
    const { badge, close, judged } = pushSyncStep(readStatesSig.value, previous, isRead);
    previous = judged;
    void navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: PUSH_SYNC, badge, close })
    );
  });
}
