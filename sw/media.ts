/**
 * Avatars and attachments: fetched once, then served from a bounded cache
 * (they never change under a URL). API calls are deliberately not cached
 * here: the app keeps its data in IndexedDB and must see live answers.
 */
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { ExpirationPlugin } from "workbox-expiration";
import { registerRoute } from "workbox-routing";
import { CacheFirst } from "workbox-strategies";

/** The runtime cache's name (visible in devtools → Cache storage). */
export const MEDIA_CACHE = "chat-media-v1";
/** At most this many files, each kept at most 30 days. */
export const MEDIA_MAX_ENTRIES = 300;
const MEDIA_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What the media route looks at of a request. */
export interface MediaRequestInfo {
  method: string;
  destination: string;
}

/** Same-origin paths that serve uploaded files (never JSON). */
const FILE_PATHS = /^\/(?:attachments|avatars)\//;

/**
 * Whether a request is an avatar or an attachment: a same-origin file under
 * `/attachments/` or `/avatars/`, or any other image outside `/api/`. Built
 * assets are precached instead, and API answers are never matched.
 */
export function isMediaRequest(request: MediaRequestInfo, url: URL, origin: string): boolean {
  if (request.method !== "GET") return false;
  const sameOrigin = url.origin === origin;
  if (!sameOrigin) return request.destination === "image";
  if (FILE_PATHS.test(url.pathname)) return true;
  const excluded = url.pathname.startsWith("/static/") || url.pathname.startsWith("/api/");
  return request.destination === "image" && !excluded;
}

/** Registers the cache-first route for avatars and attachments. */
export function routeMedia(origin: string): void {
  registerRoute(
    ({ request, url }) => isMediaRequest(request, url, origin),
    new CacheFirst({
      cacheName: MEDIA_CACHE,
      plugins: [
        // Opaque (status 0) cross-origin avatars are cacheable but unreadable; keep them too.
        new CacheableResponsePlugin({ statuses: [0, 200] }),
        new ExpirationPlugin({
          maxEntries: MEDIA_MAX_ENTRIES,
          maxAgeSeconds: MEDIA_MAX_AGE_SECONDS,
          purgeOnQuotaError: true,
        }),
      ],
    }),
  );
}
