/**
 * Roles, permissions and moderation for the interface: what the viewer may
 * do in a guild or channel (so only allowed actions are offered — the
 * server decides anyway) and role colours on names. The actions that change
 * roles, overwrites, members and bans are in `moderation_actions.ts`, which
 * loads with the lazy dialogs.
 */
import { computed, type ReadonlySignal } from "@preact/signals";
import {
  ALL_PERMISSIONS,
  hasPermission,
  parsePermissions,
  Permission,
} from "../../server/permissions/bits.ts";
import {
  applyOverwrites,
  computePermissions,
  type PermissionMember,
} from "../../server/permissions/compute.ts";
import { canManageRole, canModerate } from "../../server/permissions/hierarchy.ts";
import type { AuditEntry, Ban, Channel, Guild, Member, Role } from "../../server/wire/types.ts";
// Read through chat.ts, not store.ts: a lazy chunk importing this module then reaches the
// same modules as one importing chat.ts, so the bundler keeps the app shell in one chunk.
import { guilds as guildsSig, me as meSig, members as membersSig } from "./chat.ts";

export { Permission };
export type { AuditEntry, Ban };

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
