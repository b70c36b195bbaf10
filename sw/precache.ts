/**
 * The precache: the app shell pages, the stylesheet, every island bundle
 * and chunk, the icons and the web manifest. The list and each entry's
 * revision (a content hash) are written into the worker by
 * `server/build.ts`, so any change to a file changes the worker's bytes,
 * which is what makes the browser install the new version.
 */
import type { PrecacheEntry } from "workbox-precaching";
import { cleanupOutdatedCaches, precacheAndRoute } from "workbox-precaching";

export type { PrecacheEntry };

/** The pages precached as whole HTML documents. */
export const PRECACHED_PAGES: readonly string[] = ["/app", "/login"];

/** Caches `entries` on install and serves them cache-first; drops caches of older workbox versions. */
export function setUpPrecache(entries: PrecacheEntry[]): void {
  cleanupOutdatedCaches();
  // Every entry is addressed by its exact URL: no `index.html` or `.html` guessing.
  precacheAndRoute(entries, { cleanURLs: false, directoryIndex: "" });
}
