/**
 * Registers the service worker (`/sw.js`, scope `/`) through workbox-window
 * and reports when a new version is installed and waiting, so the page can
 * offer `New version available` → `Reload` instead of swapping scripts
 * under a running page. Loaded on demand by `islands/ui/UpdatePrompt.tsx`.
 */
import { Workbox } from "workbox-window";

/** The worker's URL; its root path gives it the whole origin as scope. */
export const SERVICE_WORKER_URL = "/sw.js";

/** Callbacks of {@link registerServiceWorker}. */
export interface ServiceWorkerHooks {
  /** A new version is installed and waits for {@link ServiceWorkerUpdater.applyUpdate}. */
  onUpdateWaiting(): void;
}

/** What {@link registerServiceWorker} hands back. */
export interface ServiceWorkerUpdater {
  /** Activates the waiting version and reloads this page once it controls it. */
  applyUpdate(): void;
}

/**
 * Registers the worker; null where service workers are unavailable (old
 * browsers, insecure origins), in which case the app simply runs online.
 */
export function registerServiceWorker(hooks: ServiceWorkerHooks): ServiceWorkerUpdater | null {
  if (!("serviceWorker" in navigator)) return null;
  const wb = new Workbox(SERVICE_WORKER_URL, { scope: "/" });
  let reloadOnTakeover = false;
  wb.addEventListener("waiting", function offerUpdate() {
    hooks.onUpdateWaiting();
  });
  wb.addEventListener("controlling", function reloadIntoNewVersion() {
    if (reloadOnTakeover) location.reload();
  });
  wb.register().catch((error) => console.warn("service worker registration failed", error));
  return {
    applyUpdate() {
      reloadOnTakeover = true;
      wb.messageSkipWaiting();
    },
  };
}
