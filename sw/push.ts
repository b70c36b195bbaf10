/**
 * The worker's side of web push: shows the notification a push carries
 * (one per conversation: the tag replaces and re-alerts), sets the app
 * badge to the unread mentions, closes notifications of conversations read
 * since (listed by the server in the push, or by an open page), and on a
 * click focuses a window of the app on that conversation or opens one.
 */
import type { PushPayload } from "../server/push/payload.ts";
import type { ExtendableEvent, ExtendableMessageEvent, ServiceWorkerScope } from "./types.ts";

/** What the server pushes. */
export type { PushPayload };

/** Page → worker: the read states changed (badge to show, conversation tags to close). */
export const PUSH_SYNC = "PUSH_SYNC";
/** Worker → page: show this app URL (after a notification click). */
export const PUSH_OPEN = "PUSH_OPEN";
/**
 * Test hooks, page → worker (there is no browser API to click a
 * notification or read the badge from a test): `PUSH_TEST_CLICK` runs the
 * real click handler on the shown notification with the given tag;
 * `PUSH_TEST_STATE` answers on the message port with the last badge set.
 */
export const PUSH_TEST_CLICK = "PUSH_TEST_CLICK";
export const PUSH_TEST_STATE = "PUSH_TEST_STATE";

/** The push event. */
export interface PushEvent extends ExtendableEvent {
  readonly data: { json(): unknown; text(): string } | null;
}

/** The notificationclick event. */
export interface NotificationEvent extends ExtendableEvent {
  readonly notification: Notification;
}

interface WindowClient {
  readonly url: string;
  readonly focused?: boolean;
  postMessage(message: unknown): void;
  focus(): Promise<WindowClient>;
}

/** The worker scope as push handling uses it. */
export interface PushScope extends Pick<ServiceWorkerScope, "registration" | "location"> {
  readonly clients: {
    matchAll(
      options: { type: "window"; includeUncontrolled: boolean },
    ): Promise<readonly WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
  };
  readonly navigator: {
    setAppBadge?(count?: number): Promise<void>;
    clearAppBadge?(): Promise<void>;
  };
}

/** The badge this worker set last (read by the `PUSH_TEST_STATE` hook). */
let lastBadge: number | null = null;

/** The payload, or null when the push holds something else. */
export function parsePayload(data: unknown): PushPayload | null {
  const p = data as Partial<PushPayload> | null;
  if (!p || typeof p.title !== "string" || typeof p.url !== "string") return null;
  return {
    title: p.title.slice(0, 200),
    body: typeof p.body === "string" ? p.body.slice(0, 500) : "",
    url: p.url,
    tag: typeof p.tag === "string" ? p.tag : "chat",
    channelId: typeof p.channelId === "string" ? p.channelId : undefined,
    author: p.author,
    badge: typeof p.badge === "number" && p.badge >= 0 ? Math.floor(p.badge) : 0,
    close: Array.isArray(p.close) ? p.close.filter((t) => typeof t === "string") : [],
  };
}

/** Sets (or clears, for 0) the app badge where the browser supports it. */
export async function setBadge(sw: PushScope, count: number): Promise<void> {
  lastBadge = count;
  try {
    if (count > 0) await sw.navigator.setAppBadge?.(count);
    else await sw.navigator.clearAppBadge?.();
  } catch {
    // Badging is optional (not installed, or not supported): the notification still shows.
  }
}

async function closeTags(sw: PushScope, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const shown = await sw.registration.getNotifications();
  for (const n of shown) if (tags.includes(n.tag)) n.close();
}

function readPush(event: PushEvent): PushPayload | null {
  try {
    return parsePayload(event.data?.json());
  } catch {
    return null;
  }
}

/** Handles `push`: every push shows a notification (browsers require it). */
export function handlePush(event: PushEvent, sw: PushScope): void {
  event.waitUntil((async () => {
    const payload = readPush(event) ?? {
      title: "Chat",
      body: "",
      url: "/app",
      tag: "chat",
      badge: lastBadge ?? 0,
      close: [],
    };
    await closeTags(sw, payload.close);
    await sw.registration.showNotification(payload.title, {
      body: payload.body,
      tag: payload.tag,
      renotify: true,
      icon: "/static/icons/icon-192.png",
      data: { url: payload.url, channelId: payload.channelId },
    } as NotificationOptions);
    await setBadge(sw, payload.badge);
  })());
}

/** The same-origin app URL a notification opens. */
function targetUrl(sw: PushScope, notification: Notification): string {
  const raw = (notification.data as { url?: unknown } | null)?.url;
  const url = new URL(typeof raw === "string" ? raw : "/app", sw.location.origin);
  return url.origin === sw.location.origin ? url.href : new URL("/app", url.origin).href;
}

/** Opens the notification's conversation: in a window of the app if one is open. */
export async function openNotification(sw: PushScope, notification: Notification): Promise<void> {
  notification.close();
  const url = targetUrl(sw, notification);
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const app = windows.find((w) => new URL(w.url).pathname === "/app") ?? null;
  if (!app) {
    await sw.clients.openWindow(url);
    return;
  }
  app.postMessage({ type: PUSH_OPEN, url });
  await app.focus().catch(() => {}); // focusing needs a user gesture: a test hook has none
}

/** Handles `notificationclick`. */
export function handleNotificationClick(event: NotificationEvent, sw: PushScope): void {
  event.waitUntil(openNotification(sw, event.notification));
}

/** Handles pages' push messages: read-state sync, and the test hooks. */
export function handlePushMessage(event: ExtendableMessageEvent, sw: PushScope): void {
  const data = event.data as { type?: unknown; badge?: unknown; close?: unknown; tag?: unknown };
  if (typeof data !== "object" || data === null) return;
  if (data.type === PUSH_SYNC) {
    const close = Array.isArray(data.close) ? data.close.filter((t) => typeof t === "string") : [];
    const badge = typeof data.badge === "number" ? Math.max(0, Math.floor(data.badge)) : 0;
    event.waitUntil(Promise.all([closeTags(sw, close), setBadge(sw, badge)]));
  } else if (data.type === PUSH_TEST_CLICK && typeof data.tag === "string") {
    const tag = data.tag;
    event.waitUntil((async () => {
      const [shown] = await sw.registration.getNotifications({ tag });
      if (shown) await openNotification(sw, shown);
    })());
  } else if (data.type === PUSH_TEST_STATE) {
    const port = (event as unknown as { ports: readonly MessagePort[] }).ports[0];
    port?.postMessage({ badge: lastBadge });
  }
}
