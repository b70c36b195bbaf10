/**
 * The writable signals behind the public state API. Only the state modules
 * and the gateway dispatcher write them; components get read-only views
 * through `chat.ts`, so every change goes through an action.
 */
import { signal } from "@preact/signals";
import type {
  Channel,
  Guild,
  Member,
  PresenceStatus,
  PublicUser,
  ReadState,
  Relationship,
  User,
} from "../../server/wire/types.ts";

/** Gateway connection status, shown as `Offline` while not "online". */
export type ConnectionStatus = "online" | "connecting" | "offline";

/** Someone typing in a channel, until `until` (epoch ms). */
export interface TypingEntry {
  userId: string;
  /** Known when the user is a cached member, DM recipient or friend. */
  user: PublicUser | null;
  until: number;
}

/** The logged-in user the chat state was started for. */
export const meSig = signal<User | null>(null);
/** Guilds by id, in join order (Map keeps insertion order). */
export const guildsSig = signal<ReadonlyMap<string, Guild>>(new Map());
/** DM channels, most recently active first. */
export const dmsSig = signal<readonly Channel[]>([]);
/** Relationships by the other user's id. */
export const relationshipsSig = signal<ReadonlyMap<string, Relationship>>(new Map());
/** Presence by user id (absent = offline). */
export const presencesSig = signal<ReadonlyMap<string, PresenceStatus>>(new Map());
/** Read states by channel id. */
export const readStatesSig = signal<ReadonlyMap<string, ReadState>>(new Map());
/** Members by guild id, once loaded. */
export const membersSig = signal<ReadonlyMap<string, readonly Member[]>>(new Map());
/** Users seen anywhere (authors, members, recipients, friends) by id. */
export const usersSig = signal<ReadonlyMap<string, PublicUser>>(new Map());
/** Who is typing, by channel id. */
export const typingSig = signal<ReadonlyMap<string, readonly TypingEntry[]>>(new Map());
/** Gateway status. */
export const connectionSig = signal<ConnectionStatus>("connecting");
/** The session was revoked (refresh refused): the user must log in again. */
export const sessionExpiredSig = signal(false);
/** Drafts by channel id (memory mirror of IndexedDB). */
export const draftsSig = signal<ReadonlyMap<string, string>>(new Map());

/** Returns a copy of `map` with `key` set to `value` (signals need new identities). */
export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): Map<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

/** Returns a copy of `map` without `key`. */
export function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): Map<K, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}

/** Every channel the user can see: guild channels and DMs. */
export function findChannel(channelId: string): Channel | null {
  for (const guild of guildsSig.peek().values()) {
    const channel = guild.channels.find((c) => c.id === channelId);
    if (channel) return channel;
  }
  return dmsSig.peek().find((c) => c.id === channelId) ?? null;
}

/** Remembers users (newer copies win) so names resolve anywhere. */
export function rememberUsers(users: readonly PublicUser[]): void {
  if (users.length === 0) return;
  const next = new Map(usersSig.peek());
  let changed = false;
  for (const user of users) {
    const known = next.get(user.id);
    if (
      known && known.displayName === user.displayName && known.avatar === user.avatar &&
      known.username === user.username
    ) continue;
    next.set(user.id, {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      avatar: user.avatar,
    });
    changed = true;
  }
  if (changed) usersSig.value = next;
}
