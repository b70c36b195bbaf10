/** Pieces every part of the guilds domain shares: views of stored data, events, limits. */
import type { DomainDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { BusEvent, SubscriptionEffect } from "../realtime/bus.ts";
import { visibleChannels } from "../permissions/access.ts";
import { computePermissions } from "../permissions/compute.ts";
import type { GuildAccessSnapshot } from "../realtime/access_snapshot.ts";
import type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord } from "../store/port.ts";
import { toPublicUser } from "../users/views.ts";
import type { Guild, Member, PublicUser } from "../wire/types.ts";
import { deletedUser, toChannel, toGuild, toMember } from "./views.ts";

/** How many servers one user may belong to. */
export const MAX_GUILDS_PER_USER = 200;
/** How many channels one server may have. */
export const MAX_CHANNELS_PER_GUILD = 500;

/** The current time as the ISO-8601 string records hold. */
export function nowIso(deps: DomainDeps): string {
  return new Date(deps.clock.now()).toISOString();
}

/**
 * The guild as `viewerId` sees it: the channels they may view (by
 * position), roles, member count and their guild-level permissions.
 */
export async function guildView(
  deps: DomainDeps,
  guild: GuildRecord,
  viewerId: string,
): Promise<Guild> {
  const [channels, roles, count, member] = await Promise.all([
    deps.store.channels.listByGuild(guild.id),
    deps.store.guilds.listRoles(guild.id),
    deps.store.members.count(guild.id),
    deps.store.members.get(guild.id, viewerId),
  ]);
  return viewOf(guild, channels, roles, count, member, deps.clock.now());
}

/**
 * A guild as the member sees it, from records already read; with no
 * membership, every channel and no permissions (the gateway personalises
 * such a payload per recipient).
 */
export function viewOf(
  guild: GuildRecord,
  channels: ChannelRecord[],
  roles: RoleRecord[],
  count: number,
  member: MemberRecord | null,
  now: number,
): Guild {
  if (!member) return toGuild(guild, channels, roles, count, 0);
  const visible = visibleChannels(guild, member, roles, channels, now);
  const bits = computePermissions(guild, member, roles, null, now);
  return toGuild(guild, visible, roles, count, bits);
}

/** The guild with every channel, for events the gateway personalises per recipient. */
export async function fullGuildView(deps: DomainDeps, guild: GuildRecord): Promise<Guild> {
  const [channels, roles, count] = await Promise.all([
    deps.store.channels.listByGuild(guild.id),
    deps.store.guilds.listRoles(guild.id),
    deps.store.members.count(guild.id),
  ]);
  return viewOf(guild, channels, roles, count, null, deps.clock.now());
}

/** What a gateway instance needs to filter the guild's channel events for these members. */
export async function accessSnapshot(
  deps: DomainDeps,
  guild: GuildRecord,
  members: MemberRecord[],
): Promise<GuildAccessSnapshot> {
  const [channels, roles] = await Promise.all([
    deps.store.channels.listByGuild(guild.id),
    deps.store.guilds.listRoles(guild.id),
  ]);
  return snapshotOf(guild, channels, roles, members);
}

/** {@link accessSnapshot} from records already read. */
export function snapshotOf(
  guild: GuildRecord,
  channels: ChannelRecord[],
  roles: RoleRecord[],
  members: MemberRecord[],
): GuildAccessSnapshot {
  return {
    guildId: guild.id,
    ownerId: guild.ownerId,
    roles: roles.map((r) => ({ id: r.id, position: r.position, permissions: r.permissions })),
    channels: channels.map((c) => toChannel(c)),
    members: members.map((m) => ({
      userId: m.userId,
      roleIds: m.roleIds,
      timeoutUntil: m.timeoutUntil,
    })),
  };
}

/** Public profiles by id; ids without an account read as a deleted user. */
export async function publicUsers(
  deps: DomainDeps,
  ids: string[],
): Promise<Map<string, PublicUser>> {
  const found = await deps.store.users.getMany([...new Set(ids)]);
  const byId = new Map(found.map((u) => [u.id, toPublicUser(u)]));
  for (const id of ids) if (!byId.has(id)) byId.set(id, deletedUser(id));
  return byId;
}

/** The member view of one membership, with profile and presence. */
export async function memberView(deps: DomainDeps, member: MemberRecord): Promise<Member> {
  const users = await publicUsers(deps, [member.userId]);
  const user = users.get(member.userId) ?? deletedUser(member.userId);
  return toMember(member, user, deps.presence.status(member.userId));
}

/** Refuses a user already in {@link MAX_GUILDS_PER_USER} servers. */
export async function requireRoomForGuild(deps: DomainDeps, userId: string, action: string) {
  const count = (await deps.store.members.listGuildIdsOfUser(userId)).length;
  if (count >= MAX_GUILDS_PER_USER) {
    throw new AppError("conflict", `Cannot ${action} as you are in too many servers`, {
      detail: `you are a member of ${count} of at most ${MAX_GUILDS_PER_USER} servers`,
    });
  }
}

/**
 * Tells the guild about a new member, then gives the new member the guild:
 * GUILD_MEMBER_ADD goes out before the `join` effect subscribes them, and
 * GUILD_CREATE reaches them directly, carrying what the gateway needs to
 * filter the guild's channel events for them.
 */
export async function announceJoin(
  deps: DomainDeps,
  guild: Guild,
  member: Member,
  access: GuildAccessSnapshot,
) {
  const join: SubscriptionEffect = { op: "join", userId: member.user.id, guildId: guild.id };
  await deps.bus.publish({ t: "GUILD_MEMBER_ADD", d: member, to: { guildId: guild.id } });
  await deps.bus.publish({
    t: "GUILD_CREATE",
    d: guild,
    to: { userIds: [member.user.id] },
    effects: [join],
    access,
  });
}

/**
 * Tells the guild a member left, then tells the removed user the guild is
 * gone for them. The `leave` effect rides on the first event, so their
 * sockets unsubscribe before it is dispatched and they receive nothing more
 * of the guild; it is repeated on GUILD_DELETE (leaving twice is a no-op)
 * so a Hub that acts on either alone is still right.
 */
export async function announceRemoval(deps: DomainDeps, guildId: string, user: PublicUser) {
  const leave: SubscriptionEffect[] = [{ op: "leave", userId: user.id, guildId }];
  const events: BusEvent[] = [
    { t: "GUILD_MEMBER_REMOVE", d: { guildId, user }, to: { guildId }, effects: leave },
    { t: "GUILD_DELETE", d: { id: guildId }, to: { userIds: [user.id] }, effects: leave },
  ];
  for (const event of events) await deps.bus.publish(event);
}
