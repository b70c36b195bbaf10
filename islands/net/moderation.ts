/** Roles, channel overwrites, member roles and timeouts, kicks, bans and the audit log over REST. */
import type { AuditEntry, Ban, Channel, Guild, Member, Role } from "../../server/wire/types.ts";
import { request } from "./api.ts";

/** A role's editable fields; `permissions` is a decimal bitfield string. */
export interface RoleInput {
  name?: string;
  color?: number;
  permissions?: string;
}

/** Renames a guild (or sets its icon). */
export function patchGuild(guildId: string, body: { name?: string }): Promise<Guild> {
  return request<Guild>("PATCH", `/guilds/${guildId}`, { body });
}

/** Creates a role (lowest above `@everyone`). */
export function postRole(guildId: string, body: RoleInput & { name: string }): Promise<Role> {
  return request<Role>("POST", `/guilds/${guildId}/roles`, { body });
}

/** Edits a role. */
export function patchRole(guildId: string, roleId: string, body: RoleInput): Promise<Role> {
  return request<Role>("PATCH", `/guilds/${guildId}/roles/${roleId}`, { body });
}

/** Sets role positions; answers with every role of the guild. */
export function patchRolePositions(
  guildId: string,
  positions: { id: string; position: number }[],
): Promise<Role[]> {
  return request<Role[]>("PATCH", `/guilds/${guildId}/roles`, { body: positions });
}

/** Deletes a role (members lose it). */
export function deleteRole(guildId: string, roleId: string): Promise<void> {
  return request<void>("DELETE", `/guilds/${guildId}/roles/${roleId}`);
}

/** Edits a member: their roles, or a timeout (an ISO time, or null to lift it). */
export function patchMember(
  guildId: string,
  userId: string,
  body: { roleIds?: string[]; timeoutUntil?: string | null; reason?: string },
): Promise<Member> {
  return request<Member>("PATCH", `/guilds/${guildId}/members/${userId}`, { body });
}

/** Kicks a member. */
export function kickMember(guildId: string, userId: string, reason?: string): Promise<void> {
  const query = reason ? `?${new URLSearchParams({ reason })}` : "";
  return request<void>("DELETE", `/guilds/${guildId}/members/${userId}${query}`);
}

/** Bans a user, optionally deleting their messages of the last `deleteMessageSeconds`. */
export function putBan(
  guildId: string,
  userId: string,
  body: { reason?: string; deleteMessageSeconds?: number },
): Promise<void> {
  return request<void>("PUT", `/guilds/${guildId}/bans/${userId}`, { body });
}

/** Lifts a ban. */
export function deleteBan(guildId: string, userId: string): Promise<void> {
  return request<void>("DELETE", `/guilds/${guildId}/bans/${userId}`);
}

/** The guild's bans. */
export function fetchBans(guildId: string): Promise<Ban[]> {
  return request<Ban[]>("GET", `/guilds/${guildId}/bans`);
}

/** The newest audit log entries, newest first. */
export function fetchAuditLog(guildId: string, before?: string): Promise<AuditEntry[]> {
  const query = new URLSearchParams({ limit: "100" });
  if (before) query.set("before", before);
  return request<AuditEntry[]>("GET", `/guilds/${guildId}/audit-log?${query}`);
}

/** Edits a channel's name or topic. */
export function patchChannel(
  channelId: string,
  body: { name?: string; topic?: string | null },
): Promise<Channel> {
  return request<Channel>("PATCH", `/channels/${channelId}`, { body });
}

/** Sets the overwrite of a role or member on a channel. */
export function putOverwrite(
  channelId: string,
  targetId: string,
  { type, allow, deny }: { type: "role" | "member"; allow: string; deny: string },
): Promise<void> {
  const body = { type, allow, deny };
  return request<void>("PUT", `/channels/${channelId}/permissions/${targetId}`, { body });
}

/** Removes the overwrite of a role or member on a channel. */
export function deleteOverwrite(channelId: string, targetId: string): Promise<void> {
  return request<void>("DELETE", `/channels/${channelId}/permissions/${targetId}`);
}
