/** Guild channels: create, edit, reorder, delete (MANAGE_CHANNELS). */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { enqueueChannelPurge } from "../messages/purge.ts";
import {
  type ChannelAccess,
  guildAccess,
  requirePermission,
  viewableChannel,
  visibleChannels,
} from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { ChannelRecord } from "../store/port.ts";
import type { Channel } from "../wire/types.ts";
import { recordAudit } from "./audit.ts";
import { MAX_CHANNELS_PER_GUILD, nowIso } from "./common.ts";
import { toChannel } from "./views.ts";

/** What `POST /guilds/:id/channels` takes. */
export interface CreateChannelInput {
  name: string;
  type: "text" | "voice";
  topic?: string | null;
}

/** What `PATCH /channels/:id` takes; `topic: null` clears the topic. */
export interface UpdateChannelInput {
  name?: string;
  topic?: string | null;
  position?: number;
}

/** One entry of `PATCH /guilds/:id/channels`. */
export interface ChannelPosition {
  id: string;
  position: number;
}

/**
 * A channel name as stored: text channels like Discord's (`My Room` →
 * `my-room`: lower-case, whitespace runs become one `-`); voice channels
 * keep their case. Both are trimmed.
 */
export function channelName(type: "text" | "voice" | "dm", name: string): string {
  const trimmed = name.trim();
  return type === "text" ? trimmed.toLowerCase().replace(/\s+/g, "-") : trimmed;
}

/** A guild channel the user may view and manage (MANAGE_CHANNELS there). */
export async function managedChannel(
  deps: DomainDeps,
  userId: string,
  channelId: string,
  action: string,
  flags: number = Permission.MANAGE_CHANNELS,
): Promise<ChannelAccess & { guild: NonNullable<ChannelAccess["guild"]> }> {
  const now = deps.clock.now();
  const access = await viewableChannel(deps.store, userId, channelId, now);
  const guild = access.guild;
  if (!guild) {
    throw new AppError("forbidden", `Cannot ${action} a direct message channel`, {
      detail: `channel ${channelId} is a DM, which has no settings to change`,
    });
  }
  if ((access.permissions & flags) === 0) {
    requirePermission(access, flags, `${action} this channel`, now);
  }
  return { ...access, guild };
}

/** Adds a channel at the end of the guild's list; tells every member. */
export async function createChannel(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  input: CreateChannelInput,
  reason: string | null = null,
): Promise<Channel> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, userId, guildId, now);
  requirePermission(access, Permission.MANAGE_CHANNELS, "create channels", now);
  const { guild } = access;
  const existing = await deps.store.channels.listByGuild(guildId);
  if (existing.length >= MAX_CHANNELS_PER_GUILD) {
    throw new AppError("conflict", "Cannot create channel as the server has too many", {
      detail:
        `"${guild.name}" has ${existing.length} of at most ${MAX_CHANNELS_PER_GUILD} channels`,
    });
  }
  const record: ChannelRecord = {
    id: deps.ids.next(),
    type: input.type,
    guildId,
    name: channelName(input.type, input.name),
    topic: input.topic ?? null,
    position: existing.reduce((max, c) => Math.max(max, c.position + 1), 0),
    recipientIds: [],
    lastMessageId: null,
    createdAt: nowIso(deps),
    overwrites: [],
  };
  await deps.store.channels.create(record);
  const view = toChannel(record);
  await recordAudit(deps, {
    guildId,
    actorId: userId,
    action: "channel_create",
    targetId: record.id,
    reason,
    changes: [{ key: "name", new: record.name }, { key: "type", new: record.type }],
  });
  await deps.bus.publish({ t: "CHANNEL_CREATE", d: view, to: { guildId, channelId: record.id } });
  return view;
}

/** Renames, re-topics or moves a channel (MANAGE_CHANNELS); tells those who see it. */
export async function updateChannel(
  deps: DomainDeps,
  userId: string,
  channelId: string,
  input: UpdateChannelInput,
  reason: string | null = null,
): Promise<Channel> {
  const { channel } = await managedChannel(deps, userId, channelId, "edit");
  const patch: UpdateChannelInput = { topic: input.topic, position: input.position };
  if (input.name !== undefined) patch.name = channelName(channel.type, input.name);
  if (Object.values(patch).every((v) => v === undefined)) return toChannel(channel);
  const updated = await deps.store.channels.update(channelId, patch);
  if (!updated) throw notFound("Channel", `channel ${channelId} was deleted`);
  const view = toChannel(updated);
  const changes = (["name", "topic", "position"] as const)
    .filter((key) => patch[key] !== undefined && patch[key] !== channel[key])
    .map((key) => ({ key, old: channel[key], new: updated[key] }));
  await recordAudit(deps, {
    guildId: channel.guildId!,
    actorId: userId,
    action: "channel_update",
    targetId: channelId,
    reason,
    changes,
  });
  const to = { guildId: channel.guildId!, channelId };
  await deps.bus.publish({ t: "CHANNEL_UPDATE", d: view, to });
  return view;
}

/**
 * Deletes a channel (MANAGE_CHANNELS); tells those who saw it. The last
 * text channel of a guild cannot be deleted, so there is always somewhere
 * to land and to talk.
 */
export async function deleteChannel(
  deps: DomainDeps,
  userId: string,
  channelId: string,
  reason: string | null = null,
) {
  const { channel, guild } = await managedChannel(deps, userId, channelId, "delete");
  if (channel.type === "text") {
    const texts = (await deps.store.channels.listByGuild(guild.id)).filter((c) =>
      c.type === "text"
    );
    if (texts.length <= 1) {
      throw new AppError("conflict", "Cannot delete the last text channel of a server", {
        detail:
          `#${channel.name} is the only text channel of "${guild.name}"; create another first`,
      });
    }
  }
  await deps.store.channels.delete(channelId);
  await recordAudit(deps, {
    guildId: guild.id,
    actorId: userId,
    action: "channel_delete",
    targetId: channelId,
    reason,
    changes: [{ key: "name", old: channel.name }],
  });
  await deps.bus.publish({
    t: "CHANNEL_DELETE",
    d: toChannel(channel),
    to: { guildId: guild.id, channelId },
  });
  await enqueueChannelPurge(deps, channelId);
}

/**
 * Sets the positions of some of a guild's channels at once
 * (MANAGE_CHANNELS) and answers with the channels the caller sees, in
 * their new order. Every id must be a channel of this guild; one
 * CHANNEL_UPDATE goes out per moved channel.
 */
export async function reorderChannels(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  positions: ChannelPosition[],
): Promise<Channel[]> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, userId, guildId, now);
  requirePermission(access, Permission.MANAGE_CHANNELS, "reorder channels", now);
  const channels = new Map((await deps.store.channels.listByGuild(guildId)).map((c) => [c.id, c]));
  const errors = positions.flatMap((p, i) =>
    channels.has(p.id) ? [] : [{ path: `${i}.id`, message: `not a channel of this server` }]
  );
  const ids = positions.map((p) => p.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) errors.push({ path: `${i}.id`, message: "listed more than once" });
  });
  if (errors.length > 0) {
    throw new AppError("validation_failed", "Cannot reorder channels", {
      detail: `${errors[0].path}: ${errors[0].message}`,
      errors,
    });
  }
  for (const { id, position } of positions) {
    if (channels.get(id)!.position === position) continue;
    const updated = await deps.store.channels.update(id, { position });
    if (!updated) continue; // deleted meanwhile: its CHANNEL_DELETE says enough
    const to = { guildId, channelId: id };
    await deps.bus.publish({ t: "CHANNEL_UPDATE", d: toChannel(updated), to });
  }
  const all = await deps.store.channels.listByGuild(guildId);
  const { guild, member, roles } = access;
  return visibleChannels(guild, member, roles, all, now).map((c) => toChannel(c));
}
