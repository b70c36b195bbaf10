/** Creating, reading, editing and deleting guilds. */
import type { DomainDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { enqueueChannelPurge } from "../messages/purge.ts";
import {
  guildAccess,
  guildMembership,
  requireOwner,
  requirePermission,
} from "../permissions/access.ts";
import {
  ALL_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  Permission,
  serializePermissions,
} from "../permissions/bits.ts";
import type { GuildAccessSnapshot } from "../realtime/access_snapshot.ts";
import type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord } from "../store/port.ts";
import type { Guild } from "../wire/types.ts";
import { recordAudit } from "./audit.ts";
import {
  fullGuildView,
  guildView,
  nowIso,
  requireRoomForGuild,
  snapshotOf,
  viewOf,
} from "./common.ts";
import { toGuild } from "./views.ts";

/** What `POST /guilds` takes. */
export interface CreateGuildInput {
  name: string;
}

/** What `PATCH /guilds/:id` takes; `icon: null` removes the icon. */
export interface UpdateGuildInput {
  name?: string;
  icon?: string | null;
}

/**
 * Stores a guild owned by `userId` with `#general`, the `General` voice
 * channel and the `@everyone` role (id = guild id), and gives it to the
 * creator's sockets.
 */
export async function createGuild(
  deps: DomainDeps,
  userId: string,
  input: CreateGuildInput,
): Promise<Guild> {
  await requireRoomForGuild(deps, userId, "create a server");
  const now = nowIso(deps);
  const guild: GuildRecord = {
    id: deps.ids.next(),
    name: input.name,
    ownerId: userId,
    icon: null,
    createdAt: now,
  };
  const everyone: RoleRecord = {
    id: guild.id,
    guildId: guild.id,
    name: "@everyone",
    color: 0,
    position: 0,
    permissions: serializePermissions(DEFAULT_MEMBER_PERMISSIONS),
  };
  const channel = (type: "text" | "voice", name: string, position: number): ChannelRecord => ({
    id: deps.ids.next(),
    type,
    guildId: guild.id,
    name,
    topic: null,
    position,
    recipientIds: [],
    lastMessageId: null,
    createdAt: now,
  });
  const channels = [channel("text", "general", 0), channel("voice", "General", 1)];
  const owner: MemberRecord = {
    guildId: guild.id,
    userId,
    nick: null,
    roleIds: [],
    joinedAt: now,
    timeoutUntil: null,
  };
  await deps.store.guilds.create(guild, [everyone], channels, owner);
  const view = toGuild(guild, channels, [everyone], 1, ALL_PERMISSIONS);
  await deps.bus.publish({
    t: "GUILD_CREATE",
    d: view,
    to: { userIds: [userId] },
    effects: [{ op: "join", userId, guildId: guild.id }],
    access: snapshotOf(guild, channels, [everyone], [owner]),
  });
  return view;
}

/** Every guild the user belongs to, oldest first, as they see it. */
export async function listForUser(deps: DomainDeps, userId: string): Promise<Guild[]> {
  return (await readyGuilds(deps, userId)).guilds;
}

/**
 * The user's guilds as they see them, with what the gateway needs to
 * filter each guild's channel events (the `ready` snapshot).
 */
export async function readyGuilds(
  deps: DomainDeps,
  userId: string,
): Promise<{ guilds: Guild[]; access: GuildAccessSnapshot[] }> {
  const ids = await deps.store.members.listGuildIdsOfUser(userId);
  const records = await deps.store.guilds.getMany(ids);
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const now = deps.clock.now();
  const loaded = await Promise.all(records.map(async (guild) => {
    const [channels, roles, count, member] = await Promise.all([
      deps.store.channels.listByGuild(guild.id),
      deps.store.guilds.listRoles(guild.id),
      deps.store.members.count(guild.id),
      deps.store.members.get(guild.id, userId),
    ]);
    if (!member) return null; // left meanwhile
    return {
      guild: viewOf(guild, channels, roles, count, member, now),
      access: snapshotOf(guild, channels, roles, [member]),
    };
  }));
  const present = loaded.filter((l) => l !== null);
  return { guilds: present.map((l) => l.guild), access: present.map((l) => l.access) };
}

/** The guild as the user sees it, for its members only (`not_found` for anyone else). */
export async function getGuild(deps: DomainDeps, userId: string, guildId: string): Promise<Guild> {
  const { guild } = await guildMembership(deps.store, userId, guildId);
  return await guildView(deps, guild, userId);
}

/**
 * Renames the guild or changes its icon (MANAGE_GUILD); tells every member
 * (the gateway shows each their own channels and permissions).
 */
export async function updateGuild(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  input: UpdateGuildInput,
  reason: string | null = null,
): Promise<Guild> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, userId, guildId, now);
  requirePermission(access, Permission.MANAGE_GUILD, "edit the server", now);
  const { guild } = access;
  if (input.name === undefined && input.icon === undefined) {
    return await guildView(deps, guild, userId);
  }
  const updated = await deps.store.guilds.update(guildId, input);
  if (!updated) throw notFound("Guild", `guild ${guildId} was deleted`);
  const changes = (["name", "icon"] as const)
    .filter((key) => input[key] !== undefined && input[key] !== guild[key])
    .map((key) => ({ key, old: guild[key], new: updated[key] }));
  await recordAudit(deps, { guildId, actorId: userId, action: "guild_update", reason, changes });
  await deps.bus.publish({
    t: "GUILD_UPDATE",
    d: await fullGuildView(deps, updated),
    to: { guildId },
  });
  return await guildView(deps, updated, userId);
}

/** Deletes the guild with everything in it (owner only); every member's sockets leave it. */
export async function deleteGuild(deps: DomainDeps, userId: string, guildId: string) {
  const { guild } = await guildMembership(deps.store, userId, guildId);
  requireOwner(guild, userId, "delete the server");
  const memberIds = await deps.store.members.listUserIds(guildId);
  const channels = await deps.store.channels.listByGuild(guildId);
  await deps.store.guilds.delete(guildId);
  await deps.bus.publish({
    t: "GUILD_DELETE",
    d: { id: guildId },
    to: { userIds: memberIds },
    effects: memberIds.map((id) => ({ op: "leave" as const, userId: id, guildId })),
  });
  await Promise.all(channels.map((channel) => enqueueChannelPurge(deps, channel.id)));
}
