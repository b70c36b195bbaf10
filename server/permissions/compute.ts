/**
 * Effective permissions: one pure function of (guild, member, roles,
 * channel overwrites, now), following Discord's order. It has no runtime
 * dependencies, so the PWA may import it to decide which actions to show.
 */
import { ALL_PERMISSIONS, Permission } from "./bits.ts";

/** The parts of a guild the computation reads. */
export interface PermissionGuild {
  /** Also the id of the `@everyone` role. */
  id: string;
  ownerId: string;
}

/** The parts of a membership the computation reads. */
export interface PermissionMember {
  userId: string;
  roleIds: readonly string[];
  /** ISO time; a future one means timed out. */
  timeoutUntil: string | null;
}

/** The parts of a role the computation reads. */
export interface PermissionRole {
  id: string;
  position: number;
  /** Decimal bitfield. */
  permissions: string;
}

/** A channel overwrite: allow/deny for a role or a member. */
export interface PermissionOverwriteData {
  id: string;
  type: "role" | "member";
  allow: string;
  deny: string;
}

/** A decimal bitfield as a number, keeping only known bits (bad input reads as 0). */
export function bitsOf(text: string): number {
  return /^\d{1,16}$/.test(text) ? Number(text) & ALL_PERMISSIONS : 0;
}

/** Whether the member is timed out at `now` (ms since the epoch). */
export function isTimedOut(member: PermissionMember, now: number): boolean {
  return member.timeoutUntil !== null && Date.parse(member.timeoutUntil) > now;
}

/**
 * The member's guild-level permissions: `@everyone` and their roles
 * combined; every bit for the owner and administrators. Role ids that no
 * longer exist are ignored.
 */
export function basePermissions(
  guild: PermissionGuild,
  member: PermissionMember,
  roles: readonly PermissionRole[],
): number {
  if (member.userId === guild.ownerId) return ALL_PERMISSIONS;
  let bits = 0;
  for (const role of roles) {
    if (role.id === guild.id || member.roleIds.includes(role.id)) bits |= bitsOf(role.permissions);
  }
  return bits & Permission.ADMINISTRATOR ? ALL_PERMISSIONS : bits;
}

/**
 * Applies a channel's overwrites to guild-level `base` bits: the
 * `@everyone` overwrite, then the member's roles' overwrites combined,
 * then the member's own, each deny before allow. So a channel deny beats
 * a role's guild-level allow, and a member allow beats a role deny.
 */
export function applyOverwrites(
  base: number,
  guildId: string,
  member: PermissionMember,
  overwrites: readonly PermissionOverwriteData[],
): number {
  let everyone: PermissionOverwriteData | null = null;
  let own: PermissionOverwriteData | null = null;
  let roleAllow = 0;
  let roleDeny = 0;
  for (const o of overwrites) {
    if (o.type === "member") {
      if (o.id === member.userId) own = o;
    } else if (o.id === guildId) {
      everyone = o;
    } else if (member.roleIds.includes(o.id)) {
      roleAllow |= bitsOf(o.allow);
      roleDeny |= bitsOf(o.deny);
    }
  }
  let bits = base;
  if (everyone) bits = (bits & ~bitsOf(everyone.deny)) | bitsOf(everyone.allow);
  bits = (bits & ~roleDeny) | roleAllow;
  if (own) bits = (bits & ~bitsOf(own.deny)) | bitsOf(own.allow);
  return bits;
}

/**
 * The member's effective permissions, in a channel when `overwrites` is
 * given (its overwrites, possibly empty) or guild-wide when it is null.
 * Owner and administrators hold every bit (and are never timed out);
 * without VIEW_CHANNEL in a channel nothing else applies there; a timed-out
 * member keeps only VIEW_CHANNEL.
 */
export function computePermissions(
  guild: PermissionGuild,
  member: PermissionMember,
  roles: readonly PermissionRole[],
  overwrites: readonly PermissionOverwriteData[] | null,
  now: number,
): number {
  const base = basePermissions(guild, member, roles);
  if (base & Permission.ADMINISTRATOR) return ALL_PERMISSIONS;
  let bits = overwrites ? applyOverwrites(base, guild.id, member, overwrites) : base;
  if (overwrites && !(bits & Permission.VIEW_CHANNEL)) return 0;
  if (isTimedOut(member, now)) bits &= Permission.VIEW_CHANNEL;
  return bits;
}
