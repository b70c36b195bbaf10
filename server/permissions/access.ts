/**
 * Who may see and do what, from the store: loads a guild's roles, the
 * member and the channel's overwrites and asks {@link computePermissions}.
 * Anything a user may not see answers 404, so its existence does not leak;
 * what they see but may not do answers 403.
 */
import { BoundedMap } from "../bounded_map.ts";
import { AppError, notFound } from "../errors.ts";
import type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord, Store } from "../store/port.ts";
import { ALL_PERMISSIONS, Permission, type PermissionName } from "./bits.ts";
import { computePermissions, isTimedOut } from "./compute.ts";

/** What a DM participant may do: read, write, react, attach, call. */
export const DM_PERMISSIONS: number = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES |
  Permission.ADD_REACTIONS | Permission.ATTACH_FILES | Permission.CONNECT | Permission.SPEAK;

/** A member's standing in a guild: the records and their guild-level bits. */
export interface GuildAccess {
  guild: GuildRecord;
  member: MemberRecord;
  roles: RoleRecord[];
  /** True for the guild's owner. */
  isOwner: boolean;
  /** Effective guild-level permissions (no channel overwrites). */
  permissions: number;
}

/** A channel the user may view, with its guild, their membership and their bits there. */
export interface ChannelAccess {
  channel: ChannelRecord;
  guild: GuildRecord | null;
  member: MemberRecord | null;
  /** The guild's roles (none in DMs). */
  roles: RoleRecord[];
  /** True for the guild's owner (always false in DMs). */
  isOwner: boolean;
  /** Effective permissions in this channel ({@link DM_PERMISSIONS} in DMs). */
  permissions: number;
}

/** The guild, the membership and the guild-level bits; `not_found` when not a member. */
export async function guildAccess(
  store: Store,
  userId: string,
  guildId: string,
  now: number,
): Promise<GuildAccess> {
  const [{ guild, member }, roles] = await Promise.all([
    guildMembership(store, userId, guildId),
    store.guilds.listRoles(guildId),
  ]);
  return {
    guild,
    member,
    roles,
    isOwner: guild.ownerId === userId,
    permissions: computePermissions(guild, member, roles, null, now),
  };
}

/** The channel if the user may view it, with their bits there; `not_found` otherwise. */
export async function viewableChannel(
  store: Store,
  userId: string,
  channelId: string,
  now: number,
): Promise<ChannelAccess> {
  // A channel never changes guild, so once its guild is known the member's
  // standing there is read alongside the channel instead of after it.
  const knownGuildId = guildOfChannel.get(channelId);
  const early = knownGuildId ? quiet(guildAccess(store, userId, knownGuildId, now)) : null;
  const channel = await store.channels.get(channelId);
  if (!channel) throw hiddenChannel(channelId);
  if (knownGuildId === undefined) guildOfChannel.set(channelId, channel.guildId);
  if (channel.guildId === null) {
    if (!channel.recipientIds.includes(userId)) throw hiddenChannel(channelId);
    return {
      channel,
      guild: null,
      member: null,
      roles: [],
      isOwner: false,
      permissions: DM_PERMISSIONS,
    };
  }
  let access: GuildAccess;
  try {
    access = await (knownGuildId === channel.guildId && early
      ? early
      : guildAccess(store, userId, channel.guildId, now));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw hiddenChannel(channelId);
    throw error;
  }
  const { guild, member, roles, isOwner } = access;
  const permissions = channelPermissions(guild, member, roles, channel, now);
  if (!(permissions & Permission.VIEW_CHANNEL)) throw hiddenChannel(channelId);
  return { channel, guild, member, roles, isOwner, permissions };
}

/**
 * The guild (null for a DM) of the channels seen lately, by channel id.
 * Nothing here goes stale, as a channel's guild never changes; a deleted
 * channel's entry is harmless, as the channel itself is always read.
 * Channel ids are unique across stores (ULIDs), so one map serves the
 * process.
 */
const guildOfChannel = new BoundedMap<string, string | null>(50_000);

/** The promise, with its rejection still delivered to whoever awaits it but never unhandled. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** The member's effective bits in a guild channel. */
export function channelPermissions(
  guild: GuildRecord,
  member: MemberRecord,
  roles: RoleRecord[],
  channel: ChannelRecord,
  now: number,
): number {
  return computePermissions(guild, member, roles, channel.overwrites ?? [], now);
}

/** The channels among `channels` the member may view. */
export function visibleChannels(
  guild: GuildRecord,
  member: MemberRecord,
  roles: RoleRecord[],
  channels: ChannelRecord[],
  now: number,
): ChannelRecord[] {
  return channels.filter((c) =>
    (channelPermissions(guild, member, roles, c, now) & Permission.VIEW_CHANNEL) !== 0
  );
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

/**
 * Throws `forbidden` unless `permissions` hold `flag`: "You are timed out"
 * when a timeout is what took it, else which permission is missing.
 */
export function requirePermission(
  access: { guild: GuildRecord | null; member: MemberRecord | null; permissions: number },
  flag: number,
  action: string,
  now: number,
): void {
  if ((access.permissions & flag) === flag) return;
  const { guild, member } = access;
  if (member && isTimedOut(member, now)) {
    throw new AppError("forbidden", "You are timed out", {
      detail: `you cannot ${action} until ${member.timeoutUntil}`,
    });
  }
  const name = permissionName(flag);
  throw new AppError("forbidden", `Cannot ${action} without the ${name} permission`, {
    detail: guild
      ? `your roles in "${guild.name}" do not grant ${name} here`
      : `direct messages do not allow this`,
  });
}

/** Throws `forbidden` unless the user owns the guild. */
export function requireOwner(guild: GuildRecord, userId: string, action: string): void {
  if (guild.ownerId !== userId) {
    throw new AppError("forbidden", `Only the server owner can ${action}`, {
      detail: `you are a member of "${guild.name}" but not its owner`,
    });
  }
}

/** Every bit is held: the owner and administrators. */
export function holdsAll(permissions: number): boolean {
  return permissions === ALL_PERMISSIONS;
}

/** The names of the bits in `flag`, joined with " or " (any one of them would do). */
export function permissionName(flag: number): string {
  const names = (Object.entries(Permission) as [PermissionName, number][])
    .filter(([, bit]) => (flag & bit) !== 0)
    .map(([name]) => name);
  return names.join(" or ");
}

function hiddenChannel(channelId: string): AppError {
  return notFound("Channel", `no channel ${channelId} is visible to you`);
}
