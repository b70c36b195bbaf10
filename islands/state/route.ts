/**
 * Where the user is in the app: a guild channel, a DM, the friends view or
 * an invite. Kept in the URL hash (`/app#/channels/<guild>/<channel>`) so
 * reloads and the back button work without server routes for every view.
 */
import { signal } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";

/** Tabs of the friends view. */
export type FriendsTab = "online" | "all" | "pending" | "add";

/** A place in the app. */
export type Route =
  /** A guild; `channelId` null until the guild's first text channel is chosen. */
  | { kind: "guild"; guildId: string; channelId: string | null }
  /** A direct-message channel. */
  | { kind: "dm"; channelId: string }
  /** The friends view (home). */
  | { kind: "friends"; tab: FriendsTab }
  /** An invite being previewed before joining. */
  | { kind: "invite"; code: string };

const HOME: Route = { kind: "friends", tab: "online" };
const TABS: readonly FriendsTab[] = ["online", "all", "pending", "add"];
const ID = /^[0-9A-Za-z_-]{1,64}$/;

const routeSig = signal<Route>(HOME);

/** The current route; change it with {@link navigate}. */
export const route: ReadonlySignal<Route> = routeSig;

/** Hooks run after each navigation (the message state opens channels). */
const listeners: ((route: Route) => void)[] = [];

/** Registers a callback run after every route change (internal to the state layer). */
export function onNavigate(listener: (route: Route) => void): void {
  listeners.push(listener);
}

/**
 * Goes to `next`: updates {@link route} and the URL hash (pushing a history
 * entry unless `replace`), and opens the channel it shows, if any.
 */
export function navigate(next: Route, options: { replace?: boolean } = {}): void {
  routeSig.value = next;
  const hash = formatRoute(next);
  if (typeof location !== "undefined" && location.hash !== hash) {
    if (options.replace) history.replaceState(null, "", hash);
    else history.pushState(null, "", hash);
  }
  for (const listener of listeners) listener(next);
}

/** Reads the route from the current URL (hash, or an `/invite/<code>` path) and follows it. */
export function syncRouteFromLocation(): void {
  const fromPath = /^\/invite\/([^/]+)$/.exec(location.pathname);
  const next = fromPath ? parseRoute(`#/invite/${fromPath[1]}`) : parseRoute(location.hash);
  // popstate and hashchange both fire for one fragment change: follow it once.
  if (synced && formatRoute(next) === formatRoute(routeSig.peek())) return;
  synced = true;
  navigate(next, { replace: true });
}

let synced = false;

/** The URL hash for a route. */
export function formatRoute(r: Route): string {
  switch (r.kind) {
    case "guild":
      return r.channelId ? `#/channels/${r.guildId}/${r.channelId}` : `#/channels/${r.guildId}`;
    case "dm":
      return `#/channels/@me/${r.channelId}`;
    case "friends":
      return r.tab === "online" ? "#/friends" : `#/friends/${r.tab}`;
    case "invite":
      return `#/invite/${r.code}`;
  }
}

/** Parses a URL hash made by {@link formatRoute}; anything else is the friends view. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((p) => p !== "");
  const [head, a, b] = parts;
  if (head === "channels" && a === "@me" && b && ID.test(b)) return { kind: "dm", channelId: b };
  if (head === "channels" && a && a !== "@me" && ID.test(a)) {
    return { kind: "guild", guildId: a, channelId: b && ID.test(b) ? b : null };
  }
  if (head === "friends") {
    return { kind: "friends", tab: TABS.includes(a as FriendsTab) ? a as FriendsTab : "online" };
  }
  if (head === "invite" && a && ID.test(a)) return { kind: "invite", code: a };
  return HOME;
}

/** The channel a route shows, if any. */
export function routeChannelId(r: Route): string | null {
  return r.kind === "guild" || r.kind === "dm" ? r.channelId : null;
}
