/** Who hears about a channel's messages, and the shapes they hear. */
import type { Audience } from "../realtime/bus.ts";
import type { ChannelRecord } from "../store/port.ts";

/** A guild channel's viewers, or a DM's participants. */
export function channelAudience(channel: ChannelRecord): Audience {
  return channel.guildId
    ? { guildId: channel.guildId, channelId: channel.id }
    : { userIds: channel.recipientIds };
}

/** `{channelId, guildId?}`: the part every channel-scoped payload starts with. */
export function channelRef(channel: ChannelRecord): { channelId: string; guildId?: string } {
  return channel.guildId
    ? { channelId: channel.id, guildId: channel.guildId }
    : { channelId: channel.id };
}
