/**
 * Starting and stopping the chat state for a user: hydrate from the offline
 * cache (so a cached channel renders at once, even offline), follow the
 * URL, then connect the gateway and flush the outbox.
 */
import type { Message, User } from "../../server/wire/types.ts";
import { loadSnapshot } from "../db/cache.ts";
import { OUTBOX_FLUSHED, type OutboxFlushedMessage } from "../db/outbox.ts";
import { destroyDb } from "../db/schema.ts";
import * as apply from "./apply.ts";
import { flushDrafts } from "./drafts.ts";
import { connectLive, disconnectLive, networkDown, networkUp } from "./live.ts";
import { openChannel, resetTimelines, upsertMessages } from "./messages.ts";
import { loadOutbox, onDelivered, receiveWorkerFlush, resetOutbox } from "./outbox.ts";
import { navigate, onNavigate, type Route, route, syncRouteFromLocation } from "./route.ts";
import { endSession, rememberLastUser } from "./session.ts";
import {
  connectionSig,
  dmsSig,
  draftsSig,
  guildsSig,
  membersSig,
  meSig,
  presencesSig,
  readStatesSig,
  relationshipsSig,
  sessionExpiredSig,
  typingSig,
  usersSig,
} from "./store.ts";

let startedFor: string | null = null;
let routeHooked = false;

/**
 * Starts the chat for `user` (idempotent per user): hydrates every signal
 * from the cache, opens the channel in the URL, connects the gateway and
 * sends what the outbox holds. Resolves once the cached state is shown;
 * the network catches up in the background.
 */
export async function start(user: User): Promise<void> {
  if (startedFor === user.id) return;
  if (startedFor) stop();
  startedFor = user.id;
  meSig.value = user;
  rememberLastUser(user);
  const snapshot = await loadSnapshot();
  if (snapshot.user && snapshot.user.id !== user.id) {
    await destroyDb(); // another account's cache: never show or send it
  } else {
    hydrate(snapshot);
  }
  apply.applyUser(user);
  onDelivered(deliver);
  await loadOutbox();
  hookRoute();
  syncRouteFromLocation();
  hookWindow();
  connectLive(() => (sessionExpiredSig.value = true));
}

/** Stops the chat (logout): disconnects and forgets the in-memory state. */
export function stop(): void {
  startedFor = null;
  disconnectLive();
  resetOutbox();
  resetTimelines();
  meSig.value = null;
  guildsSig.value = new Map();
  dmsSig.value = [];
  relationshipsSig.value = new Map();
  presencesSig.value = new Map();
  readStatesSig.value = new Map();
  membersSig.value = new Map();
  usersSig.value = new Map();
  typingSig.value = new Map();
  draftsSig.value = new Map();
  connectionSig.value = "connecting";
}

/**
 * Logs out: stops the chat, ends the session on the server and deletes
 * this device's cache (messages, drafts, unsent messages). Resolves to
 * whether the server confirmed; the caller then goes to `/login`.
 */
export async function logOut(): Promise<boolean> {
  stop();
  await destroyDb().catch(() => {});
  return await endSession();
}

function hydrate(snapshot: Awaited<ReturnType<typeof loadSnapshot>>): void {
  guildsSig.value = new Map(snapshot.guilds.map((g) => [g.id, g]));
  dmsSig.value = snapshot.dms;
  relationshipsSig.value = new Map(snapshot.relationships.map((r) => [r.user.id, r]));
  readStatesSig.value = new Map(snapshot.readStates.map((s) => [s.channelId, s]));
  usersSig.value = new Map(snapshot.users.map((u) => [u.id, u]));
  draftsSig.value = new Map(snapshot.drafts.map((d) => [d.channelId, d.text]));
}

/** A message the outbox got accepted: into its channel (a whisper's lands in the DM). */
function deliver(message: Message): void {
  upsertMessages(message.channelId, [message]);
  apply.bumpChannel(message);
}

/** Opens the channel a route shows; a guild without a channel picks its first text channel. */
function follow(next: Route): void {
  if (!startedFor) return;
  if (next.kind === "guild" && next.channelId === null) {
    const first = guildsSig.peek().get(next.guildId)?.channels.find((c) => c.type === "text");
    if (first) navigate({ ...next, channelId: first.id }, { replace: true });
    return;
  }
  if ((next.kind === "guild" || next.kind === "dm") && next.channelId) {
    void openChannel(next.channelId);
  }
}

function hookRoute(): void {
  if (routeHooked) return;
  routeHooked = true;
  onNavigate(follow);
  addEventListener("popstate", syncRouteFromLocation);
  addEventListener("hashchange", syncRouteFromLocation);
  // Guilds arrive with `ready` after an empty cache: resolve a pending guild route then.
  guildsSig.subscribe(() => {
    const current = route.peek();
    if (current.kind === "guild" && current.channelId === null) follow(current);
  });
}

let windowHooked = false;
function hookWindow(): void {
  if (windowHooked) return;
  windowHooked = true;
  addEventListener("online", networkUp);
  addEventListener("offline", networkDown);
  addEventListener("pagehide", flushDrafts);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushDrafts();
  });
  // The service worker flushed the outbox (Background Sync): show what is left.
  navigator.serviceWorker?.addEventListener("message", (event: MessageEvent) => {
    const note = event.data as Partial<OutboxFlushedMessage> | null;
    if (note?.type === OUTBOX_FLUSHED) void receiveWorkerFlush(note);
  });
}
