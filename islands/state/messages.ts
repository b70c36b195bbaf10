/**
 * Per-channel message lists. Each channel has one read-only view signal:
 * cached messages show at once, the server's newest page replaces them when
 * the network answers, older pages load on demand, and unsent outbox items
 * trail the list as `sending` / `failed`.
 */
import { computed, signal } from "@preact/signals";
import type { ReadonlySignal, Signal } from "@preact/signals";
import type { Message, PublicUser, SearchResult } from "../../server/wire/types.ts";
import {
  fetchMessages,
  fetchPins,
  patchMessage,
  postTyping,
  putPin,
  putReaction,
  removeMessage,
  searchMessages,
} from "../net/messages.ts";
import { cachedMessages, deleteCachedMessages, putMessages } from "../db/cache.ts";
import { meSig, readStatesSig, rememberUsers } from "./store.ts";
import { outboxSig } from "./outbox.ts";
import {
  applyReaction,
  type ChatMessage,
  firstUnreadId,
  mergeMessages,
  reconcilePage,
  withPending,
} from "./timeline.ts";

export { type ChatMessage, type SendState, sendStateOf } from "./timeline.ts";

/** What a channel's message pane shows. */
export interface ChannelView {
  channelId: string;
  /** Oldest → newest; unsent outbox items (state "sending" / "failed") come last. */
  messages: readonly ChatMessage[];
  /** Older history may exist: {@link loadOlder} fetches it. */
  hasMore: boolean;
  /** A page is being fetched. */
  loading: boolean;
  /** Something was shown (cache or server): false means the first render is still pending. */
  ready: boolean;
  /** The first message after the read marker when the channel was opened (for "jump to unread"). */
  firstUnreadId: string | null;
  /** Why the last fetch failed (offline fetches fail quietly: the cache is shown instead). */
  error: string | null;
}

/** The stored part of a view: server messages and paging state. */
export interface Timeline {
  messages: Message[];
  hasMore: boolean;
  loading: boolean;
  ready: boolean;
  firstUnreadId: string | null;
  error: string | null;
}

/** A timeline before anything is loaded. */
const emptyTimeline = (): Timeline => ({
  messages: [],
  hasMore: true,
  loading: false,
  ready: false,
  firstUnreadId: null,
  error: null,
});

const PAGE = 50;
const CACHE_FIRST_PAGE = 100;
const TYPING_THROTTLE_MS = 8_000;

const timelines = new Map<string, Signal<Timeline>>();
const views = new Map<string, ReadonlySignal<ChannelView>>();
const lastTypingSent = new Map<string, number>();

/** The message view of a channel (created empty on first use; {@link openChannel} fills it). */
export function channelView(channelId: string): ReadonlySignal<ChannelView> {
  let view = views.get(channelId);
  if (!view) {
    const line = timelineOf(channelId);
    view = computed(() => {
      const t = line.value;
      const self = meSig.value;
      const pending = [...outboxSig.value.values()].filter((p) => p.channelId === channelId);
      return {
        channelId,
        messages: self ? withPending(t.messages, pending, asPublic(self)) : t.messages,
        hasMore: t.hasMore,
        loading: t.loading,
        ready: t.ready,
        firstUnreadId: t.firstUnreadId,
        error: t.error,
      };
    });
    views.set(channelId, view);
  }
  return view;
}

/** The writable timeline of a channel (internal to the state layer). */
export function timelineOf(channelId: string): Signal<Timeline> {
  let line = timelines.get(channelId);
  if (!line) {
    line = signal<Timeline>(emptyTimeline());
    timelines.set(channelId, line);
  }
  return line;
}

/** Channels whose timeline was opened in this page (for refetches after reconnects). */
export function openedChannelIds(): string[] {
  return [...timelines.entries()].filter(([, t]) => t.peek().ready).map(([id]) => id);
}

/**
 * Shows a channel: cached messages first (offline this is all there is),
 * then the server's newest page, reconciled with the cache (edits and
 * deletions made elsewhere show up). Sets `firstUnreadId` from the read state.
 */
export async function openChannel(channelId: string): Promise<void> {
  const line = timelineOf(channelId);
  if (!line.peek().ready) {
    const cached = await cachedMessages(channelId, { limit: CACHE_FIRST_PAGE });
    const current = line.peek();
    line.value = { ...current, messages: mergeMessages(current.messages, cached), ready: true };
  }
  // The marker is where the read state stood when the channel was (re)opened.
  line.value = { ...line.peek(), firstUnreadId: unreadMarker(channelId, line.peek().messages) };
  await refreshNewest(channelId);
}

/** Fetches the newest page and reconciles it with what the timeline holds. */
export async function refreshNewest(channelId: string): Promise<void> {
  const line = timelineOf(channelId);
  line.value = { ...line.peek(), loading: true };
  try {
    const page = await fetchMessages(channelId, { limit: PAGE });
    rememberUsers(page.map((m) => m.author));
    const { messages, removed } = reconcilePage(
      line.peek().messages,
      page,
      null,
      page.length < PAGE,
    );
    await putMessages(page);
    if (removed.length) await deleteCachedMessages(removed);
    const before = line.peek();
    line.value = {
      ...before,
      messages,
      loading: false,
      ready: true,
      hasMore: page.length === PAGE ? true : false,
      error: null,
      firstUnreadId: before.firstUnreadId ?? unreadMarker(channelId, messages),
    };
  } catch (error) {
    line.value = { ...line.peek(), loading: false, ready: true, error: errorText(error, true) };
  }
}

/** Loads the page before the oldest shown message: from the server, else from the cache. */
export async function loadOlder(channelId: string): Promise<void> {
  const line = timelineOf(channelId);
  const current = line.peek();
  if (current.loading || !current.hasMore) return;
  const oldest = current.messages[0]?.id;
  line.value = { ...current, loading: true };
  try {
    const page = await fetchMessages(channelId, oldest ? { before: oldest, limit: PAGE } : {});
    rememberUsers(page.map((m) => m.author));
    await putMessages(page);
    const after = line.peek();
    const { messages, removed } = reconcilePage(
      after.messages,
      page,
      oldest ?? null,
      page.length < PAGE,
    );
    if (removed.length) await deleteCachedMessages(removed);
    line.value = { ...after, messages, loading: false, hasMore: page.length === PAGE, error: null };
  } catch (error) {
    const cached = await cachedMessages(channelId, { before: oldest, limit: PAGE });
    const after = line.peek();
    line.value = {
      ...after,
      messages: mergeMessages(after.messages, cached),
      loading: false,
      // Offline: keep offering older history only while the cache still had some.
      hasMore: cached.length > 0,
      error: cached.length > 0 ? null : errorText(error, true),
    };
  }
}

/** Adds or replaces messages in a channel's timeline and cache (internal). */
export function upsertMessages(channelId: string, incoming: readonly Message[]): void {
  const line = timelines.get(channelId);
  if (line) {
    line.value = { ...line.peek(), messages: mergeMessages(line.peek().messages, incoming) };
  }
  void putMessages(incoming);
}

/** Changes one message in place if it is loaded (internal). */
export function updateMessage(channelId: string, id: string, change: (m: Message) => Message) {
  const line = timelines.get(channelId);
  if (!line) return null;
  const messages = line.peek().messages;
  const index = messages.findIndex((m) => m.id === id);
  if (index < 0) return null;
  const updated = change(messages[index]);
  if (updated === messages[index]) return updated;
  const next = messages.slice();
  next[index] = updated;
  line.value = { ...line.peek(), messages: next };
  void putMessages([updated]);
  return updated;
}

/** Removes a message from its timeline and the cache (internal). */
export function dropMessage(channelId: string, id: string): void {
  const line = timelines.get(channelId);
  if (line) {
    line.value = { ...line.peek(), messages: line.peek().messages.filter((m) => m.id !== id) };
  }
  void deleteCachedMessages([id]);
}

/** Replaces the text of one's own message. Throws `ApiError` on failure. */
export async function editMessage(channelId: string, messageId: string, content: string) {
  const updated = await patchMessage(channelId, messageId, content);
  updateMessage(channelId, messageId, () => updated);
}

/** Deletes a message (own, or any as the server's owner). Throws `ApiError` on failure. */
export async function deleteMessage(channelId: string, messageId: string): Promise<void> {
  await removeMessage(channelId, messageId);
  dropMessage(channelId, messageId);
}

/** Adds the viewer's reaction, or takes it back when already there (optimistic). */
export async function toggleReaction(channelId: string, messageId: string, emoji: string) {
  const message = timelineOf(channelId).peek().messages.find((m) => m.id === messageId);
  const add = !message?.reactions.some((r) => r.emoji === emoji && r.me);
  updateMessage(channelId, messageId, (m) => applyReaction(m, emoji, add, true));
  try {
    await putReaction(channelId, messageId, emoji, add);
  } catch (error) {
    updateMessage(channelId, messageId, (m) => applyReaction(m, emoji, !add, true));
    throw error;
  }
}

/** Pins or unpins a message. Throws `ApiError` on failure (e.g. not the owner, 50 pins). */
export async function setPinned(channelId: string, messageId: string, pinned: boolean) {
  await putPin(channelId, messageId, pinned);
  updateMessage(channelId, messageId, (m) => (m.pinned === pinned ? m : { ...m, pinned }));
}

/** The channel's pinned messages, newest first. */
export async function listPins(channelId: string): Promise<Message[]> {
  const pins = await fetchPins(channelId);
  rememberUsers(pins.map((m) => m.author));
  return pins;
}

/** Tells the channel the viewer is typing, at most once per ~8 s; call it on every keystroke. */
export function startTyping(channelId: string): void {
  const now = Date.now();
  if (now - (lastTypingSent.get(channelId) ?? 0) < TYPING_THROTTLE_MS) return;
  lastTypingSent.set(channelId, now);
  postTyping(channelId).catch(() => lastTypingSent.delete(channelId));
}

/** Forgets the typing throttle of a channel once the viewer sent their message. */
export function stopTyping(channelId: string): void {
  lastTypingSent.delete(channelId);
}

/** Searches a guild's messages (every word must match; words of 2+ characters). */
export async function search(
  guildId: string,
  query: string,
  filters: { channelId?: string; authorId?: string; limit?: number } = {},
): Promise<SearchResult> {
  const result = await searchMessages(guildId, query, filters);
  rememberUsers(result.messages.map((m) => m.author));
  return result;
}

/** Forgets every timeline (logout). */
export function resetTimelines(): void {
  for (const line of timelines.values()) {
    line.value = emptyTimeline();
  }
}

function unreadMarker(channelId: string, messages: readonly Message[]): string | null {
  const state = readStatesSig.peek().get(channelId);
  if (!state) return null;
  return firstUnreadId(messages, state.lastReadId, meSig.peek()?.id ?? null);
}

function asPublic(user: PublicUser): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatar: user.avatar,
  };
}

function errorText(error: unknown, quietOffline: boolean): string | null {
  const status = (error as { status?: number }).status;
  if (quietOffline && status === 0) return null;
  return error instanceof Error ? error.message : String(error);
}
