/** How channels and people are named in the interface. */
import type { Channel, PublicUser } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import type { UnreadInfo } from "../state/chat.ts";

/** A DM's name is its other participants'; a guild channel's is its own. */
export function channelTitle(channel: Channel): string {
  if (channel.type !== "dm") return channel.name;
  const names = (channel.recipients ?? []).map(userName);
  return names.join(", ") || channel.name;
}

/** The name a user shows as. */
export function userName(user: PublicUser): string {
  return user.displayName || user.username;
}

/** The route hash of a channel. */
export function channelHref(channel: Channel): string {
  return channel.type === "dm"
    ? `#/channels/@me/${channel.id}`
    : `#/channels/${channel.guildId}/${channel.id}`;
}

/** What a channel's or server's unread marker says to a screen reader ("" when read). */
export function unreadDescription(info: UnreadInfo): string {
  if (info.mentions > 0) return t("mentions", { count: info.mentions });
  return info.unread ? t("unreadDot") : "";
}
