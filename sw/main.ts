/**
 * The service worker (`/sw.js`, scope `/`). This module only wires events
 * to the modules beside it; `server/build.ts` bundles it with the precache
 * list embedded (see `precache_list.ts`).
 */
import { clientsClaim } from "workbox-core";
import { routeMedia } from "./media.ts";
import { flushOutboxFromWorker } from "./outbox.ts";
import { type PrecacheEntry, setUpPrecache } from "./precache.ts";
import {
  handleNotificationClick,
  handlePush,
  handlePushMessage,
  type NotificationEvent,
  type PushEvent,
  type PushScope,
} from "./push.ts";
import { routeShellNavigations } from "./shell.ts";
import { handleSync } from "./sync.ts";
import { serviceWorkerScope } from "./types.ts";
import { handleMessage } from "./update.ts";

/** Starts the worker with the build's precache manifest. */
export function startServiceWorker(precache: PrecacheEntry[]): void {
  const sw = serviceWorkerScope();
  setUpPrecache(precache);
  routeShellNavigations();
  routeMedia(sw.location.origin);
  // The first install controls open pages at once; later versions wait for SKIP_WAITING.
  clientsClaim();
  sw.addEventListener("message", (event) => handleMessage(event, () => sw.skipWaiting()));
  sw.addEventListener("sync", (event) => handleSync(event, () => flushOutboxFromWorker(sw)));
  const push = sw as unknown as PushScope;
  sw.addEventListener("push", (event) => handlePush(event as PushEvent, push));
  sw.addEventListener(
    "notificationclick",
    (event) => handleNotificationClick(event as NotificationEvent, push),
  );
  sw.addEventListener("message", (event) => handlePushMessage(event, push));
}
