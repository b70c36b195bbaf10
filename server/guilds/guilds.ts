/** Creating, reading, editing and deleting guilds. */
import type { DomainDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { guildMembership, requireOwner } from "../permissions/access.ts";
import { DEFAULT_MEMBER_PERMISSIONS, serializePermissions } from "../permissions/bits.ts";
import type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord } from "../store/port.ts";
import type { Guild } from "../wire/types.ts";
import { guildView, nowIso, requireRoomForGuild } from "./common.ts";
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
  const view = toGuild(guild, channels, [everyone], 1);
  await deps.bus.publish({
    t: "GUILD_CREATE",
    d: view,
    to: { userIds: [userId] },
    effects: [{ op: "join", userId, guildId: guild.id }],
  });
  return view;
}

/** Every guild the user belongs to, oldest first (the gateway's `ready` uses this). */
export async function listForUser(deps: DomainDeps, userId: string): Promise<Guild[]> {
  const ids = await deps.store.members.listGuildIdsOfUser(userId);
  const guilds = await deps.store.guilds.getMany(ids);
  guilds.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return await Promise.all(guilds.map((g) => guildView(deps, g)));
}

/** The guild, for its members only (`not_found` for anyone else). */
export async function getGuild(deps: DomainDeps, userId: string, guildId: string): Promise<Guild> {
  const { guild } = await guildMembership(deps.store, userId, guildId);
  return await guildView(deps, guild);
}

/** Renames the guild or changes its icon (owner only); tells every member. */
export async function updateGuild(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  input: UpdateGuildInput,
): Promise<Guild> {
  const { guild } = await guildMembership(deps.store, userId, guildId);
  requireOwner(guild, userId, "edit the server");
  if (input.name === undefined && input.icon === undefined) return await guildView(deps, guild);
  const updated = await deps.store.guilds.update(guildId, input);
  if (!updated) throw notFound("Guild", `guild ${guildId} was deleted`);
  const view = await guildView(deps, updated);
  await deps.bus.publish({ t: "GUILD_UPDATE", d: view, to: { guildId } });
  return view;
}

/** Deletes the guild with everything in it (owner only); every member's sockets leave it. */
export async function deleteGuild(deps: DomainDeps, userId: string, guildId: string) {
  const { guild } = await guildMembership(deps.store, userId, guildId);
  requireOwner(guild, userId, "delete the server");
  const memberIds = await deps.store.members.listUserIds(guildId);
  await deps.store.guilds.delete(guildId);
  await deps.bus.publish({
    t: "GUILD_DELETE",
    d: { id: guildId },
    to: { userIds: memberIds },
    effects: memberIds.map((id) => ({ op: "leave" as const, userId: id, guildId })),
  });
}
