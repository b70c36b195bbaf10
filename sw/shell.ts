/**
 * The app shell offline: every page a user opens the app through is
 * answered from the precache, so a reload without network still starts the
 * app, which then reads its data from IndexedDB.
 */
import { createHandlerBoundToURL } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

/** The precached page every app URL renders (`/app`, `/app/…`, `/invite/<code>`). */
export const SHELL_URL = "/app";

/** Navigations answered with the app shell; the hash picks the view client-side. */
export const SHELL_PATHS: readonly RegExp[] = [/^\/app(?:\/|$)/, /^\/invite\/[^/]+\/?$/];

/** Whether a navigation to `url` is one the app shell renders. */
export function isShellNavigation(url: URL): boolean {
  return SHELL_PATHS.some((path) => path.test(url.pathname));
}

/**
 * Serves app navigations from the precached shell. `/app` itself (and
 * `/login`) already match the precache route; this covers the deeper URLs.
 */
export function routeShellNavigations(): void {
  registerRoute(
    new NavigationRoute(createHandlerBoundToURL(SHELL_URL), { allowlist: [...SHELL_PATHS] }),
  );
}
