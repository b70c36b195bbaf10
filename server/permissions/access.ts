/**
 * Who may see and manage what, until roles and permission bits arrive:
 * guild members see their guild's channels, DM participants their DM, and
 * the owner manages. Anything a user may not see answers 404, so its
 * existence does not leak.
 */
import { AppError, notFound } from "../errors.ts";
import type { ChannelRecord, GuildRecord, MemberRecord, Store } from "../store/port.ts";

/** A channel the user may view, with its guild and their membership. */
export interface ChannelAccess {
  channel: ChannelRecord;
  guild: GuildRecord | null;
  member: MemberRecord | null;
  /** True for the guild's owner (always false in DMs). */
  isOwner: boolean;
}

/** The channel if the user may view it; `not_found` otherwise. */
export async function viewableChannel(
  store: Store,
  userId: string,
  channelId: string,
): Promise<ChannelAccess> {
  const channel = await store.channels.get(channelId);
  if (!channel) throw notFound("Channel", `no channel ${channelId} is visible to you`);
  if (channel.guildId === null) {
    if (!channel.recipientIds.includes(userId)) {
      throw notFound("Channel", `no channel ${channelId} is visible to you`);
    }
    return { channel, guild: null, member: null, isOwner: false };
  }
  const { guild, member } = await guildMembership(store, userId, channel.guildId);
  return { channel, guild, member, isOwner: guild.ownerId === userId };
}

/** The guild and the user's membership; `not_found` when not a member. */
export async function guildMembership(
  store: Store,
  userId: string,
  guildId: string,
): Promise<{ guild: GuildRecord; member: MemberRecord }> {
  const [guild, member] = await Promise.all([
    store.guilds.get(guildId),
    store.members.get(guildId, userId),
  ]);
  if (!guild || !member) throw notFound("Guild", `you are not a member of guild ${guildId}`);
  return { guild, member };
}

/** Throws `forbidden` unless the user owns the guild. */
export function requireOwner(guild: GuildRecord, userId: string, action: string): void {
  if (guild.ownerId !== userId) {
    throw new AppError("forbidden", `Only the server owner can ${action}`, {
      detail: `you are a member of "${guild.name}" but not its owner`,
    });
  }
}
