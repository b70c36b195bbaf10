/**
 * The moderation actions: they change roles, overwrites, members and bans
 * through the REST API and apply the answers at once (the gateway echoes
 * them to other tabs). Kept apart from the permission checks in
 * `moderation.ts` so they load with the lazy settings and moderation
 * dialogs, not with the app shell.
 */
import { serializePermissions } from "../../server/permissions/bits.ts";
import type { AuditEntry, Ban, Channel, Role } from "../../server/wire/types.ts";
import * as net from "../net/moderation.ts";
import type { RoleInput } from "../net/moderation.ts";
import { applyChannel, applyGuild, applyRole, removeRole, updateMember } from "./apply.ts";
import { guilds as guildsSig } from "./chat.ts";

import { BAN_DELETE_SECONDS, rolesByRank } from "./moderation.ts";

export { BAN_DELETE_SECONDS, Permission } from "./moderation.ts";
export type { AuditEntry, Ban };

/** Renames the guild. */
export async function renameGuild(guildId: string, name: string): Promise<void> {
  const guild = await net.patchGuild(guildId, { name });
  const known = guildsSig.peek().get(guildId);
  applyGuild(known ? { ...known, name: guild.name } : guild);
}

/** Creates a role with the given bits. */
export async function createRole(
  guildId: string,
  input: { name: string; color?: number; permissions?: number },
): Promise<Role> {
  const role = await net.postRole(guildId, {
    name: input.name,
    color: input.color ?? 0,
    permissions: serializePermissions(input.permissions ?? 0),
  });
  applyRole(guildId, role);
  return role;
}

/** Edits a role's name, colour or bits. */
export async function editRole(
  guildId: string,
  roleId: string,
  input: { name?: string; color?: number; permissions?: number },
): Promise<Role> {
  const body: RoleInput = { name: input.name, color: input.color };
  if (input.permissions !== undefined) body.permissions = serializePermissions(input.permissions);
  const role = await net.patchRole(guildId, roleId, body);
  applyRole(guildId, role);
  return role;
}

/** Moves a role one step up (towards the top) or down, swapping with its neighbour. */
export async function moveRole(guildId: string, roleId: string, up: boolean): Promise<void> {
  const guild = guildsSig.peek().get(guildId);
  if (!guild) return;
  const ranked = rolesByRank(guild).filter((r) => r.id !== guildId);
  const index = ranked.findIndex((r) => r.id === roleId);
  const other = ranked[up ? index - 1 : index + 1];
  if (index < 0 || !other) return;
  const role = ranked[index];
  const roles = await net.patchRolePositions(guildId, [
    { id: role.id, position: other.position },
    { id: other.id, position: role.position },
  ]);
  const current = guildsSig.peek().get(guildId);
  if (current) applyGuild({ ...current, roles });
}

/** Deletes a role. */
export async function deleteRole(guildId: string, roleId: string): Promise<void> {
  await net.deleteRole(guildId, roleId);
  removeRole(guildId, roleId);
}

/** Sets a member's roles (`@everyone` is implicit and left out). */
export async function setMemberRoles(
  guildId: string,
  userId: string,
  roleIds: string[],
): Promise<void> {
  const member = await net.patchMember(guildId, userId, {
    roleIds: roleIds.filter((id) => id !== guildId),
  });
  updateMember(member);
}

/** Times a member out for `seconds` (0 lifts the timeout). */
export async function timeoutMember(
  guildId: string,
  userId: string,
  seconds: number,
  reason?: string,
): Promise<void> {
  const until = seconds > 0 ? new Date(Date.now() + seconds * 1000).toISOString() : null;
  const body: { timeoutUntil: string | null; reason?: string } = { timeoutUntil: until };
  if (reason) body.reason = reason;
  updateMember(await net.patchMember(guildId, userId, body));
}

/** Kicks a member out of the guild (they may rejoin with an invite). */
export async function kickMember(guildId: string, userId: string, reason?: string): Promise<void> {
  await net.kickMember(guildId, userId, reason || undefined);
}

/** Bans a user, optionally deleting their messages of the last day. */
export async function banMember(
  guildId: string,
  userId: string,
  options: { reason?: string; deleteLastDay?: boolean },
): Promise<void> {
  const body: { reason?: string; deleteMessageSeconds?: number } = {};
  if (options.reason) body.reason = options.reason;
  if (options.deleteLastDay) body.deleteMessageSeconds = BAN_DELETE_SECONDS;
  await net.putBan(guildId, userId, body);
}

/** Lifts a ban. */
export function unban(guildId: string, userId: string): Promise<void> {
  return net.deleteBan(guildId, userId);
}

/** The guild's bans. */
export function listBans(guildId: string): Promise<Ban[]> {
  return net.fetchBans(guildId);
}

/** The guild's audit log, newest first (`before`: an entry id, for older pages). */
export function listAuditLog(guildId: string, before?: string): Promise<AuditEntry[]> {
  return net.fetchAuditLog(guildId, before);
}

/** Edits a channel's name and topic. */
export async function editChannel(
  channelId: string,
  input: { name?: string; topic?: string | null },
): Promise<Channel> {
  const channel = await net.patchChannel(channelId, input);
  applyChannel(channel);
  return channel;
}

/**
 * Sets (or, with no bit allowed or denied, removes) the overwrite of a role
 * or member on a channel.
 */
export async function setOverwrite(
  channel: Channel,
  target: { id: string; type: "role" | "member" },
  allow: number,
  deny: number,
): Promise<void> {
  const overwrite = {
    id: target.id,
    type: target.type,
    allow: serializePermissions(allow),
    deny: serializePermissions(deny),
  };
  const remove = allow === 0 && deny === 0;
  const had = (currentChannel(channel).overwrites ?? []).some((o) => o.id === target.id);
  if (remove && !had) return; // all "Inherit" where nothing was set: nothing to do
  if (remove) await net.deleteOverwrite(channel.id, target.id);
  else await net.putOverwrite(channel.id, target.id, overwrite);
  const now = currentChannel(channel);
  const rest = (now.overwrites ?? []).filter((o) => o.id !== target.id);
  applyChannel({ ...now, overwrites: remove ? rest : [...rest, overwrite] });
}

/** The newest copy of a channel (a gateway update may have landed meanwhile). */
function currentChannel(channel: Channel): Channel {
  const guild = channel.guildId ? guildsSig.peek().get(channel.guildId) : undefined;
  return guild?.channels.find((c) => c.id === channel.id) ?? channel;
}
