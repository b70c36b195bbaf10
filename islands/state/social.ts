/**
 * Guilds (with channels and roles), DMs, friends, presences, members and
 * typing: read-only signals for components, and the actions that change
 * them through the REST API (the gateway echoes each change to every tab).
 */
import { computed } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";
import type {
  Channel,
  Guild,
  InvitePreview,
  Member,
  PresenceStatus,
  PublicUser,
  Relationship,
  User,
} from "../../server/wire/types.ts";
import {
  fetchInvite,
  fetchMembers,
  postChannel,
  postGuild,
  postInvite,
  postInviteJoin,
  removeMember,
} from "../net/guilds.ts";
import { deleteRelationship, postDm, postFriendRequest, putRelationship } from "../net/social.ts";
import { sendPresence } from "./live.ts";
import { applyChannel, applyGuild, removeGuild } from "./apply.ts";
import { navigate } from "./route.ts";
import {
  dmsSig,
  guildsSig,
  membersSig,
  meSig,
  presencesSig,
  relationshipsSig,
  rememberUsers,
  typingSig,
  usersSig,
  withEntry,
} from "./store.ts";
import type { TypingEntry } from "./store.ts";

export type { TypingEntry };

/** The logged-in user the chat runs for (null before `start`). */
export const me: ReadonlySignal<User | null> = meSig;
/** Guilds by id, in join order; each has `channels` and `roles`. */
export const guilds: ReadonlySignal<ReadonlyMap<string, Guild>> = guildsSig;
/** Guilds as a list (join order), for the server rail. */
export const guildList: ReadonlySignal<readonly Guild[]> = computed(() => [
  ...guildsSig.value.values(),
]);
/** DM channels, most recently active first (`recipients` names the other side). */
export const dms: ReadonlySignal<readonly Channel[]> = dmsSig;
/** Relationships by the other user's id. */
export const relationships: ReadonlySignal<ReadonlyMap<string, Relationship>> = relationshipsSig;
/** Presence by user id; absent means offline. Prefer {@link presenceOf}. */
export const presences: ReadonlySignal<ReadonlyMap<string, PresenceStatus>> = presencesSig;
/** Members by guild id, once {@link loadMembers} ran (`status` there is a snapshot). */
export const members: ReadonlySignal<ReadonlyMap<string, readonly Member[]>> = membersSig;
/** Every user seen (authors, members, recipients, friends), by id. */
export const users: ReadonlySignal<ReadonlyMap<string, PublicUser>> = usersSig;
/** Who is typing, by channel id (entries expire ~8 s after the last TYPING_START). */
export const typing: ReadonlySignal<ReadonlyMap<string, readonly TypingEntry[]>> = typingSig;
/** Count of incoming friend requests, for a badge. */
export const pendingIncoming: ReadonlySignal<number> = computed(() =>
  [...relationshipsSig.value.values()].filter((r) => r.type === "incoming").length
);

/** The user's current presence (reactive: reads {@link presences}). */
export function presenceOf(userId: string): PresenceStatus {
  return presencesSig.value.get(userId) ?? "offline";
}

/** The users typing in a channel other than the viewer (reactive). */
export function typingIn(channelId: string): TypingEntry[] {
  const self = meSig.value?.id;
  return (typingSig.value.get(channelId) ?? []).filter((t) => t.userId !== self);
}

/** The guild a channel belongs to, or null for DMs and unknown channels (reactive). */
export function guildOfChannel(channelId: string): Guild | null {
  for (const guild of guildsSig.value.values()) {
    if (guild.channels.some((c) => c.id === channelId)) return guild;
  }
  return null;
}

/** A channel by id, guild or DM (reactive). */
export function channelById(channelId: string): Channel | null {
  for (const guild of guildsSig.value.values()) {
    const found = guild.channels.find((c) => c.id === channelId);
    if (found) return found;
  }
  return dmsSig.value.find((c) => c.id === channelId) ?? null;
}

/** Creates a guild and navigates to its first text channel. */
export async function createGuild(name: string): Promise<Guild> {
  const guild = await postGuild(name);
  applyGuild(guild);
  const first = guild.channels.find((c) => c.type === "text");
  navigate({ kind: "guild", guildId: guild.id, channelId: first?.id ?? null });
  return guild;
}

/** Creates a text or voice channel in a guild (owner only). */
export async function createChannel(
  guildId: string,
  name: string,
  type: "text" | "voice",
  topic?: string,
): Promise<Channel> {
  const channel = await postChannel(guildId, topic ? { name, type, topic } : { name, type });
  applyChannel(channel);
  return channel;
}

/** Makes an invite and returns its code and the absolute URL `/invite/<code>` to share. */
export async function createInvite(
  guildId: string,
  options: { maxUses?: number; maxAgeSeconds?: number } = {},
): Promise<{ code: string; url: string }> {
  const invite = await postInvite(guildId, options);
  return { code: invite.code, url: `${location.origin}/invite/${invite.code}` };
}

/** What an invite code leads to (guild name, member count), before joining. */
export function previewInvite(code: string): Promise<InvitePreview> {
  return fetchInvite(code);
}

/** Joins the guild of an invite (a code or a `/invite/<code>` URL) and navigates there. */
export async function joinInvite(codeOrUrl: string): Promise<Guild> {
  const code = codeOrUrl.trim().replace(/^.*\/invite\//, "").replace(/[/?#].*$/, "");
  const guild = await postInviteJoin(code);
  applyGuild(guild);
  const first = guild.channels.find((c) => c.type === "text");
  navigate({ kind: "guild", guildId: guild.id, channelId: first?.id ?? null });
  return guild;
}

/** Leaves a guild (not its owner: the server answers 409). */
export async function leaveGuild(guildId: string): Promise<void> {
  const self = meSig.peek();
  if (!self) return;
  await removeMember(guildId, self.id);
  removeGuild(guildId);
}

/** Loads a guild's members (all pages) into {@link members}. */
export async function loadMembers(guildId: string): Promise<readonly Member[]> {
  const all: Member[] = [];
  let after: string | undefined;
  while (true) {
    const page = await fetchMembers(guildId, after, 100);
    all.push(...page);
    if (page.length < 100) break;
    after = page[page.length - 1].user.id;
  }
  rememberUsers(all.map((m) => m.user));
  const presences = new Map(presencesSig.peek());
  for (const m of all) if (!presences.has(m.user.id)) presences.set(m.user.id, m.status);
  presencesSig.value = presences;
  membersSig.value = withEntry(membersSig.peek(), guildId, all);
  return all;
}

/** Sends a friend request by username (accepts theirs if they asked first). */
export function sendFriendRequest(username: string): Promise<void> {
  return postFriendRequest(username.trim().replace(/^@/, "").toLowerCase());
}

/** Accepts an incoming friend request. */
export function acceptFriend(userId: string): Promise<void> {
  return putRelationship(userId, "friend");
}

/** Blocks a user (ending any friendship or request). */
export function blockUser(userId: string): Promise<void> {
  return putRelationship(userId, "blocked");
}

/** Declines, cancels, unfriends or unblocks. */
export function removeRelationship(userId: string): Promise<void> {
  return deleteRelationship(userId);
}

/** Opens (creating if needed) the DM with a user and navigates to it. */
export async function openDm(userId: string): Promise<Channel> {
  const channel = await postDm(userId);
  applyChannel(channel);
  navigate({ kind: "dm", channelId: channel.id });
  return channel;
}

/** Sets how the viewer shows to others; "invisible" shows as offline. */
export function setPresence(status: "online" | "idle" | "dnd" | "invisible"): void {
  sendPresence(status);
  const self = meSig.peek();
  if (self) {
    presencesSig.value = withEntry(
      presencesSig.peek(),
      self.id,
      status === "invisible" ? "offline" : status,
    );
  }
}
