/**
 * The live link: owns the page's gateway client, routes its events to the
 * signals and the cache, keeps typing indicators fresh, and after a fresh
 * session refetches each cached channel after its newest cached message,
 * so nothing sent while away is missing.
 */
import type {
  Channel,
  EventName,
  Guild,
  Member,
  Message,
  Presence,
  PublicUser,
  ReadState,
  ReadyPayload,
  Relationship,
  Role,
  User,
  VoiceSignalData,
} from "../../server/wire/types.ts";
import { refreshAccessToken } from "../net/api.ts";
import { Gateway } from "../net/gateway.ts";
import { fetchMessages } from "../net/messages.ts";
import { loadAccessToken } from "../net/token.ts";
import { newestCachedIds, replaceCachedMessage } from "../db/cache.ts";
import * as apply from "./apply.ts";
import {
  dropMessage,
  openedChannelIds,
  refreshNewest,
  timelineOf,
  updateMessage,
  upsertMessages,
} from "./messages.ts";
import { flush, loadOutbox, settleByNonce } from "./outbox.ts";
import { applyReadState } from "./readstate.ts";
import {
  connectionSig,
  findChannel,
  meSig,
  rememberUsers,
  typingSig,
  usersSig,
  withEntry,
} from "./store.ts";
import { applyReaction, isNewer, keepOwnReactions, mergeMessages } from "./timeline.ts";
import * as voice from "./voice.ts";

const TYPING_MS = 8_000;
const REFETCH_PAGE = 100;
const REFETCH_MAX_PAGES = 5;

let gateway: Gateway | null = null;
let typingTimer: ReturnType<typeof setInterval> | undefined;
/** Called when the session is gone for good (refresh refused). */
let onAuthLost: () => void = () => {};

/** Connects the gateway for the current user (idempotent). */
export function connectLive(whenAuthLost: () => void): void {
  onAuthLost = whenAuthLost;
  if (gateway) return gateway.reconnectNow();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  gateway = new Gateway({
    url: `${scheme}://${location.host}/api/v1/gateway`,
    token: async () => loadAccessToken() ?? await refreshAccessToken(null),
    refresh: (stale) => refreshAccessToken(stale),
    handlers: {
      ready: onReady,
      resumed: onResumed,
      dispatch: onDispatch,
      status: onStatus,
      authLost,
      voiceSignal: voice.receiveVoiceSignal,
    },
  });
  if (globalThis.navigator?.onLine === false) connectionSig.value = "offline";
  gateway.connect();
  typingTimer = setInterval(expireTyping, 1000);
}

/** Disconnects (logout). */
export function disconnectLive(): void {
  gateway?.close();
  gateway = null;
  voice.resetVoice();
  clearInterval(typingTimer);
}

/** The browser regained the network: reconnect and flush now rather than at the next backoff. */
export function networkUp(): void {
  gateway?.reconnectNow();
  void flush();
}

/** The browser lost the network: show `Offline` at once. */
export function networkDown(): void {
  gateway?.suspend();
  connectionSig.value = "offline";
}

/** Sends a mesh voice signal to `to`; false when the gateway is down. */
export function sendVoiceSignal(to: string, sessionId: string, data: VoiceSignalData): boolean {
  return gateway?.send({ op: "voice_signal", d: { to, sessionId, data } }) ?? false;
}

/** Sends a presence update when connected. */
export function sendPresence(status: "online" | "idle" | "dnd" | "invisible"): void {
  gateway?.send({ op: "presence_update", d: { status } });
}

function authLost(): void {
  connectionSig.value = "offline";
  onAuthLost();
}

function onStatus(status: "connecting" | "online" | "down", failures: number): void {
  if (status === "online") connectionSig.value = "online";
  else if (globalThis.navigator?.onLine === false || failures >= 2) connectionSig.value = "offline";
  else if (connectionSig.peek() !== "offline" || status === "connecting") {
    connectionSig.value = "connecting";
  }
}

function onReady(payload: ReadyPayload): void {
  // Snapshot the cache's newest ids before live events add to it (transactions run in order).
  const newest = newestCachedIds();
  apply.applyReady(payload);
  voice.applyVoiceReady(payload);
  void newest.then(refetchAfter).then(loadOutbox).then(flush);
}

function onResumed(): void {
  voice.voiceResumed();
  void loadOutbox().then(flush);
}

/** Fetches every message after the newest known one of each cached or opened channel. */
async function refetchAfter(cached: Map<string, string>): Promise<void> {
  const targets = new Map<string, string | null>(cached);
  for (const channelId of openedChannelIds()) {
    const shown = timelineOf(channelId).peek().messages;
    const last = shown[shown.length - 1]?.id ?? null;
    const known = targets.get(channelId) ?? null;
    if (!targets.has(channelId) || (last !== null && isNewer(last, known))) {
      targets.set(channelId, last);
    }
  }
  for (const [channelId, after] of targets) {
    if (!findChannel(channelId)) continue; // no longer visible
    // An open channel that showed nothing yet: its newest page is all there is to catch up on.
    const work = after === null ? refreshNewest(channelId) : refetchChannel(channelId, after);
    await work.catch(() => {});
  }
}

async function refetchChannel(channelId: string, after: string): Promise<void> {
  let cursor = after;
  for (let page = 0; page < REFETCH_MAX_PAGES; page++) {
    const batch = await fetchMessages(channelId, { after: cursor, limit: REFETCH_PAGE });
    if (batch.length === 0) return;
    rememberUsers(batch.map((m) => m.author));
    upsertMessages(channelId, batch);
    cursor = batch.reduce((max, m) => (isNewer(m.id, max) ? m.id : max), cursor);
    if (batch.length < REFETCH_PAGE) return;
  }
  // Too much missed: the open view jumps to the newest page (older pages load on scroll).
  const line = timelineOf(channelId);
  if (line.peek().ready) {
    const newest = await fetchMessages(channelId, { limit: 50 });
    upsertMessages(channelId, newest);
    line.value = { ...line.peek(), messages: mergeMessages([], newest), hasMore: true };
  }
}

function onDispatch(t: EventName, d: unknown): void {
  const handler = handlers[t];
  if (handler) handler(d as never);
}

const handlers: Partial<Record<EventName, (d: never) => void>> = {
  MESSAGE_CREATE(m: Message) {
    rememberUsers([m.author]);
    settleByNonce(m);
    upsertMessages(m.channelId, [m]);
    apply.bumpChannel(m);
    apply.countMention(m);
    clearTyping(m.channelId, m.author.id);
  },
  MESSAGE_UPDATE(m: Message) {
    const found = updateMessage(m.channelId, m.id, (previous) => keepOwnReactions(m, previous));
    if (!found) void replaceCachedMessage(m);
  },
  MESSAGE_DELETE(d: { id: string; channelId: string }) {
    dropMessage(d.channelId, d.id);
  },
  MESSAGE_REACTION_ADD(d: ReactionEvent) {
    updateMessage(d.channelId, d.messageId, (m) => applyReaction(m, d.emoji, true, isMe(d.userId)));
  },
  MESSAGE_REACTION_REMOVE(d: ReactionEvent) {
    updateMessage(
      d.channelId,
      d.messageId,
      (m) => applyReaction(m, d.emoji, false, isMe(d.userId)),
    );
  },
  TYPING_START(d: { channelId: string; userId: string }) {
    if (isMe(d.userId)) return;
    const list = (typingSig.peek().get(d.channelId) ?? []).filter((e) => e.userId !== d.userId);
    list.push({
      userId: d.userId,
      user: usersSig.peek().get(d.userId) ?? null,
      until: Date.now() + TYPING_MS,
    });
    typingSig.value = withEntry(typingSig.peek(), d.channelId, list);
  },
  PRESENCE_UPDATE(d: Presence) {
    apply.applyPresence(d);
  },
  CHANNEL_CREATE(c: Channel) {
    apply.applyChannel(c);
  },
  CHANNEL_UPDATE(c: Channel) {
    apply.applyChannel(c);
  },
  CHANNEL_DELETE(c: Channel) {
    apply.removeChannel(c);
  },
  GUILD_CREATE(g: Guild) {
    apply.applyGuild(g);
  },
  GUILD_UPDATE(g: Guild) {
    apply.applyGuild(g);
  },
  GUILD_DELETE(d: { id: string }) {
    apply.removeGuild(d.id);
  },
  GUILD_MEMBER_ADD(m: Member) {
    apply.applyMember(m);
  },
  GUILD_MEMBER_UPDATE(m: Member) {
    apply.updateMember(m);
  },
  GUILD_MEMBER_REMOVE(d: { guildId: string; user: PublicUser }) {
    if (isMe(d.user.id)) return apply.removeGuild(d.guildId);
    apply.removeMember(d.guildId, d.user.id);
  },
  GUILD_ROLE_CREATE(d: { guildId: string; role: Role }) {
    apply.applyRole(d.guildId, d.role);
  },
  GUILD_ROLE_UPDATE(d: { guildId: string; role: Role }) {
    apply.applyRole(d.guildId, d.role);
  },
  GUILD_ROLE_DELETE(d: { guildId: string; roleId: string }) {
    apply.removeRole(d.guildId, d.roleId);
  },
  RELATIONSHIP_ADD(r: Relationship) {
    apply.applyRelationship(r);
  },
  RELATIONSHIP_REMOVE(d: { userId: string }) {
    apply.removeRelationshipOf(d.userId);
  },
  READ_STATE_UPDATE(s: ReadState) {
    applyReadState(s);
  },
  VOICE_STATE_UPDATE(s: voice.VoiceStateEvent) {
    voice.applyVoiceState(s);
  },
  USER_UPDATE(u: User) {
    if (isMe(u.id)) apply.applyUser({ ...meSig.peek()!, ...u });
    else rememberUsers([u]);
  },
};

interface ReactionEvent {
  channelId: string;
  messageId: string;
  userId: string;
  emoji: string;
}

function isMe(userId: string): boolean {
  return userId === meSig.peek()?.id;
}

function clearTyping(channelId: string, userId: string): void {
  const list = typingSig.peek().get(channelId);
  if (!list?.some((e) => e.userId === userId)) return;
  typingSig.value = withEntry(typingSig.peek(), channelId, list.filter((e) => e.userId !== userId));
}

function expireTyping(): void {
  const now = Date.now();
  let changed = false;
  const next = new Map(typingSig.peek());
  for (const [channelId, list] of next) {
    const alive = list.filter((e) => e.until > now);
    if (alive.length === list.length) continue;
    changed = true;
    if (alive.length) next.set(channelId, alive);
    else next.delete(channelId);
  }
  if (changed) typingSig.value = next;
}
