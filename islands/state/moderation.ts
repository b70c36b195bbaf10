/**
 * Roles, permissions and moderation for the interface: what the viewer may
 * do in a guild or channel (so only allowed actions are offered — the
 * server decides anyway), role colours on names, and the actions that
 * change roles, overwrites, members and bans through the REST API.
 * Answers are applied at once; the gateway echoes them to other tabs.
 */
import { computed, type ReadonlySignal } from "@preact/signals";
import {
  ALL_PERMISSIONS,
  hasPermission,
  parsePermissions,
  Permission,
  serializePermissions,
} from "../../server/permissions/bits.ts";
import {
  applyOverwrites,
  computePermissions,
  type PermissionMember,
} from "../../server/permissions/compute.ts";
import { canManageRole, canModerate } from "../../server/permissions/hierarchy.ts";
import type { AuditEntry, Ban, Channel, Guild, Member, Role } from "../../server/wire/types.ts";
import type { RoleInput } from "../net/moderation.ts";
import { applyChannel, applyGuild, applyRole, removeRole, updateMember } from "./apply.ts";
// Read through chat.ts, not store.ts: a lazy chunk importing this module then reaches the
// same modules as one importing chat.ts, so the bundler keeps the app shell in one chunk.
import { guilds as guildsSig, me as meSig, members as membersSig } from "./chat.ts";

export { Permission };
export type { AuditEntry, Ban };

/** The REST calls load with the first action: only managers' lazy settings chunks call them. */
function api(): Promise<typeof import("../net/moderation.ts")> {
  return import("../net/moderation.ts");
}

/** One day, the span of messages a ban may delete. */
export const BAN_DELETE_SECONDS = 86_400;

function selfMember(guildId: string): Member | undefined {
  const self = meSig.value?.id;
  return membersSig.value.get(guildId)?.find((m) => m.user.id === self);
}

function memberOf(guildId: string, userId: string): Member | undefined {
  return membersSig.value.get(guildId)?.find((m) => m.user.id === userId);
}

/** A member as the permission functions read it (no roles when not loaded). */
function asPermissionMember(userId: string, member: Member | undefined): PermissionMember {
  return member
    ? { userId, roleIds: member.roleIds, timeoutUntil: member.timeoutUntil }
    : { userId, roleIds: [], timeoutUntil: null };
}

/** Roles highest first (the order settings and colours follow). */
export function rolesByRank(guild: Guild): Role[] {
  return [...guild.roles].sort((a, b) => b.position - a.position || (a.id < b.id ? -1 : 1));
}

/**
 * The viewer's guild-level permission bits (reactive), by the server's own
 * function (`server/permissions/compute.ts`): from the roles once the
 * viewer's member record is loaded, so role edits and timeouts apply at
 * once; until then the server's `Guild.permissions`.
 */
export function guildPermissions(guild: Guild): number {
  const self = meSig.value?.id;
  if (!self) return 0;
  if (guild.ownerId === self) return ALL_PERMISSIONS;
  const member = selfMember(guild.id);
  if (!member) return parsePermissions(guild.permissions ?? "0");
  return computePermissions(guild, asPermissionMember(self, member), guild.roles, null, Date.now());
}

/** The viewer's bits in a channel: guild bits, then its overwrites (nothing without view). */
export function channelPermissions(guild: Guild, channel: Channel): number {
  const self = meSig.value?.id;
  if (!self) return 0;
  if (guild.ownerId === self) return ALL_PERMISSIONS;
  const overwrites = channel.overwrites ?? [];
  const member = selfMember(guild.id);
  if (member) {
    const who = asPermissionMember(self, member);
    return computePermissions(guild, who, guild.roles, overwrites, Date.now());
  }
  const base = parsePermissions(guild.permissions ?? "0");
  if (base === ALL_PERMISSIONS) return base;
  const bits = applyOverwrites(base, guild.id, asPermissionMember(self, undefined), overwrites);
  return bits & Permission.VIEW_CHANNEL ? bits : 0;
}

/** Whether the viewer holds `flag` in the guild (reactive). */
export function can(guild: Guild, flag: number): boolean {
  return hasPermission(guildPermissions(guild), flag);
}

/** Whether the viewer may open server settings (any tab). */
export function canOpenServerSettings(guild: Guild): boolean {
  const bits = guildPermissions(guild);
  const any = Permission.MANAGE_GUILD | Permission.MANAGE_ROLES | Permission.BAN_MEMBERS;
  return (bits & any) !== 0;
}

/** Whether the viewer ranks above a role, so may grant, edit, move or delete it. */
export function outranksRole(guild: Guild, role: Role): boolean {
  const self = meSig.value?.id;
  if (!self) return false;
  if (guild.ownerId !== self && !can(guild, Permission.MANAGE_ROLES)) return false;
  return canManageRole(guild, asPermissionMember(self, selfMember(guild.id)), guild.roles, role);
}

/**
 * Whether the viewer may use `flag` (kick, ban, timeout, roles) on another
 * member: never on oneself or the owner, only on someone ranked below, and
 * never a timeout for an administrator.
 */
export function canActOn(guild: Guild, userId: string, flag: number): boolean {
  const self = meSig.value?.id;
  if (!self || !can(guild, flag)) return false;
  const actor = asPermissionMember(self, selfMember(guild.id));
  const target = asPermissionMember(userId, memberOf(guild.id, userId));
  if (!canModerate(guild, actor, target, guild.roles)) return false;
  if (flag !== Permission.MODERATE_MEMBERS) return true;
  const theirs = computePermissions(guild, target, guild.roles, null, 0);
  return (theirs & Permission.ADMINISTRATOR) === 0;
}

/** Which member actions the viewer has on `userId` (empty: none to offer). */
export function memberActions(guild: Guild, userId: string): ("kick" | "ban" | "timeout")[] {
  const actions: ("kick" | "ban" | "timeout")[] = [];
  if (canActOn(guild, userId, Permission.KICK_MEMBERS)) actions.push("kick");
  if (canActOn(guild, userId, Permission.BAN_MEMBERS)) actions.push("ban");
  if (canActOn(guild, userId, Permission.MODERATE_MEMBERS)) actions.push("timeout");
  return actions;
}

/** When the viewer's timeout in a guild ends (epoch ms), or null when not timed out. */
export function timeoutEnd(guildId: string, now = Date.now()): number | null {
  const until = selfMember(guildId)?.timeoutUntil;
  const end = until ? Date.parse(until) : NaN;
  return end > now ? end : null;
}

/** When a member's timeout ends (epoch ms), or null. */
export function memberTimeoutEnd(guildId: string, userId: string, now = Date.now()): number | null {
  const until = memberOf(guildId, userId)?.timeoutUntil;
  const end = until ? Date.parse(until) : NaN;
  return end > now ? end : null;
}

const colourMaps = new Map<string, ReadonlySignal<Map<string, string>>>();

/** The colour (`#rrggbb`) of a member's highest coloured role, or null (reactive). */
export function roleColorOf(guildId: string | null | undefined, userId: string): string | null {
  if (!guildId) return null;
  let map = colourMaps.get(guildId);
  if (!map) colourMaps.set(guildId, map = computed(() => colourMap(guildId)));
  return map.value.get(userId) ?? null;
}

function colourMap(guildId: string): Map<string, string> {
  const result = new Map<string, string>();
  const guild = guildsSig.value.get(guildId);
  const list = membersSig.value.get(guildId);
  if (!guild || !list) return result;
  const coloured = rolesByRank(guild).filter((r) => r.color > 0 && r.id !== guild.id);
  if (coloured.length === 0) return result;
  for (const member of list) {
    const role = coloured.find((r) => member.roleIds.includes(r.id));
    if (role) result.set(member.user.id, colourHex(role.color));
  }
  return result;
}

/** A colour number as `#rrggbb`. */
export function colourHex(color: number): string {
  return `#${(color & 0xffffff).toString(16).padStart(6, "0")}`;
}

/** Renames the guild. */
export async function renameGuild(guildId: string, name: string): Promise<void> {
  const net = await api();
  const guild = await net.patchGuild(guildId, { name });
  const known = guildsSig.peek().get(guildId);
  applyGuild(known ? { ...known, name: guild.name } : guild);
}

/** Creates a role with the given bits. */
export async function createRole(
  guildId: string,
  input: { name: string; color?: number; permissions?: number },
): Promise<Role> {
  const net = await api();
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
  const net = await api();
  const body: RoleInput = { name: input.name, color: input.color };
  if (input.permissions !== undefined) body.permissions = serializePermissions(input.permissions);
  const role = await net.patchRole(guildId, roleId, body);
  applyRole(guildId, role);
  return role;
}

/** Moves a role one step up (towards the top) or down, swapping with its neighbour. */
export async function moveRole(guildId: string, roleId: string, up: boolean): Promise<void> {
  const net = await api();
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
  const net = await api();
  await net.deleteRole(guildId, roleId);
  removeRole(guildId, roleId);
}

/** Sets a member's roles (`@everyone` is implicit and left out). */
export async function setMemberRoles(
  guildId: string,
  userId: string,
  roleIds: string[],
): Promise<void> {
  const net = await api();
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
  const net = await api();
  const until = seconds > 0 ? new Date(Date.now() + seconds * 1000).toISOString() : null;
  const body: { timeoutUntil: string | null; reason?: string } = { timeoutUntil: until };
  if (reason) body.reason = reason;
  updateMember(await net.patchMember(guildId, userId, body));
}

/** Kicks a member out of the guild (they may rejoin with an invite). */
export async function kickMember(guildId: string, userId: string, reason?: string): Promise<void> {
  const net = await api();
  await net.kickMember(guildId, userId, reason || undefined);
}

/** Bans a user, optionally deleting their messages of the last day. */
export async function banMember(
  guildId: string,
  userId: string,
  options: { reason?: string; deleteLastDay?: boolean },
): Promise<void> {
  const net = await api();
  const body: { reason?: string; deleteMessageSeconds?: number } = {};
  if (options.reason) body.reason = options.reason;
  if (options.deleteLastDay) body.deleteMessageSeconds = BAN_DELETE_SECONDS;
  await net.putBan(guildId, userId, body);
}

/** Lifts a ban. */
export async function unban(guildId: string, userId: string): Promise<void> {
  const net = await api();
  return net.deleteBan(guildId, userId);
}

/** The guild's bans. */
export async function listBans(guildId: string): Promise<Ban[]> {
  const net = await api();
  return net.fetchBans(guildId);
}

/** The guild's audit log, newest first (`before`: an entry id, for older pages). */
export async function listAuditLog(guildId: string, before?: string): Promise<AuditEntry[]> {
  const net = await api();
  return net.fetchAuditLog(guildId, before);
}

/** Edits a channel's name and topic. */
export async function editChannel(
  channelId: string,
  input: { name?: string; topic?: string | null },
): Promise<Channel> {
  const net = await api();
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
  const net = await api();
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
