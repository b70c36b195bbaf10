/**
 * What a notification says: built from the event when it is sent, in the
 * recipient's language, small enough for any push service (well under the
 * 4 KB they accept) and with a tag per channel so a device keeps one
 * notification per conversation.
 */
import type { Locale, Message, PublicUser } from "../wire/types.ts";

/** Longest notification body, in characters. */
export const BODY_MAX = 120;

/** Why someone is notified. */
export type Reason = "dm" | "mention" | "reply" | "everyone" | "friend_request";

/** The notification itself, decided when the event happens. */
export interface PushNotification {
  title: string;
  body: string;
  /** The app URL that opens the conversation. */
  url: string;
  /** Collapses notifications: one per channel (`ch:<id>`), or `friends`. */
  tag: string;
  /** The channel, for messages. */
  channelId?: string;
  /** Who it is from. */
  author?: { id: string; name: string; avatar: string | null };
  /** `high` wakes the device (messages to the user); `normal` may wait. */
  urgency: "high" | "normal";
}

/** The JSON the service worker receives. */
export interface PushPayload extends Omit<PushNotification, "urgency"> {
  /** The app badge: the user's unread mentions. */
  badge: number;
  /** Tags of notifications about conversations read since: the worker closes them. */
  close: string[];
}

const STRINGS = {
  en: {
    friendTitle: "Friend request",
    friendBody: (name: string, username: string) => `${name} (@${username}) wants to be friends`,
    noText: "(no text)",
  },
  ru: {
    friendTitle: "Запрос в друзья",
    friendBody: (name: string, username: string) => `${name} (@${username}) хочет дружить`,
    noText: "(без текста)",
  },
} as const;

/** The tag of a channel's notifications. */
export const channelTag = (channelId: string) => `ch:${channelId}`;

/** The app URL of a channel (the client's hash routes). */
export function channelUrl(guildId: string | null | undefined, channelId: string): string {
  return guildId ? `/app#/channels/${guildId}/${channelId}` : `/app#/channels/@me/${channelId}`;
}

/** `text` cut to `max` characters (whole code points), with an ellipsis when cut. */
export function truncate(text: string, max = BODY_MAX): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= max ? flat : chars.slice(0, max - 1).join("") + "…";
}

function authorOf(user: PublicUser) {
  return { id: user.id, name: user.displayName, avatar: user.avatar };
}

/** A notification about a new message. */
export function messageNotification(
  message: Message,
  where: { guildName: string | null; channelName: string },
  locale: Locale,
): PushNotification {
  const author = message.author.displayName;
  const title = where.guildName === null
    ? author
    : `${author} (#${where.channelName}, ${where.guildName})`;
  return {
    title: truncate(title, 100),
    body: truncate(message.content) || STRINGS[locale].noText,
    url: channelUrl(message.guildId, message.channelId),
    tag: channelTag(message.channelId),
    channelId: message.channelId,
    author: authorOf(message.author),
    urgency: "high",
  };
}

/** A notification about a friend request from `from`. */
export function friendRequestNotification(from: PublicUser, locale: Locale): PushNotification {
  const s = STRINGS[locale];
  return {
    title: s.friendTitle,
    body: truncate(s.friendBody(from.displayName, from.username)),
    url: "/app#/friends/pending",
    tag: "friends",
    author: authorOf(from),
    urgency: "normal",
  };
}
