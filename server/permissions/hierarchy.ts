/**
 * Role hierarchy: who ranks above whom. Pure functions, like compute.ts:
 * a member's rank is their highest role's position, the owner ranks above
 * everyone, and only someone ranked above a role or a member may manage it.
 */
import type { PermissionGuild, PermissionMember, PermissionRole } from "./compute.ts";

/** The member's highest role position (0 for `@everyone` only); Infinity for the owner. */
export function highestPosition(
  guild: PermissionGuild,
  member: PermissionMember,
  roles: readonly PermissionRole[],
): number {
  if (member.userId === guild.ownerId) return Infinity;
  let highest = 0;
  for (const role of roles) {
    if (role.id !== guild.id && member.roleIds.includes(role.id)) {
      highest = Math.max(highest, role.position);
    }
  }
  return highest;
}

/** Whether `actor` ranks above the role, and so may edit, move, grant or take it. */
export function canManageRole(
  guild: PermissionGuild,
  actor: PermissionMember,
  roles: readonly PermissionRole[],
  role: PermissionRole,
): boolean {
  return highestPosition(guild, actor, roles) > role.position;
}

/**
 * Whether `actor` may moderate `target`: never oneself, never the owner,
 * and only from a rank above the target's.
 */
export function canModerate(
  guild: PermissionGuild,
  actor: PermissionMember,
  target: PermissionMember,
  roles: readonly PermissionRole[],
): boolean {
  if (actor.userId === target.userId || target.userId === guild.ownerId) return false;
  return highestPosition(guild, actor, roles) > highestPosition(guild, target, roles);
}
