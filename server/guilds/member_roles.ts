/** Which role changes on a member an actor may make. */
import { AppError } from "../errors.ts";
import { type GuildAccess, requirePermission } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import { canManageRole } from "../permissions/hierarchy.ts";
import type { MemberRecord } from "../store/port.ts";
import { requireAbove } from "./moderation.ts";

/**
 * The member's new role ids, or null when nothing changes. Needs
 * MANAGE_ROLES; every role added or taken must rank below the actor; for
 * someone else the actor must rank above them (the owner's roles are the
 * owner's alone). Ids of roles deleted since are dropped silently; ids that
 * are not roles of this guild are refused (`forbidden`), and `@everyone`
 * (implicit for everyone) is `validation_failed`.
 */
export function checkRoleChange(
  access: GuildAccess,
  target: MemberRecord,
  roleIds: string[],
  now: number,
): string[] | null {
  const { guild, member, roles } = access;
  requirePermission(access, Permission.MANAGE_ROLES, "change members' roles", now);
  if (target.userId !== member.userId) requireAbove(access, target, "change the roles of");
  if (roleIds.includes(guild.id)) {
    throw new AppError("validation_failed", "@everyone cannot be assigned", {
      detail: "every member holds @everyone; leave the guild's id out of roleIds",
      errors: [{ path: "roleIds", message: "must not contain the guild id" }],
    });
  }
  const byId = new Map(roles.map((r) => [r.id, r]));
  const foreign = roleIds.find((id) => !byId.has(id));
  if (foreign !== undefined) {
    throw new AppError("forbidden", "Cannot assign a role of another server", {
      detail: `${foreign} is not a role of "${guild.name}"`,
    });
  }
  const next = [...new Set(roleIds)];
  const held = target.roleIds.filter((id) => byId.has(id));
  const changed = [
    ...next.filter((id) => !held.includes(id)),
    ...held.filter((id) => !next.includes(id)),
  ];
  if (changed.length === 0) return next.length === target.roleIds.length ? null : next;
  for (const id of changed) {
    const role = byId.get(id)!;
    if (!canManageRole(guild, member, roles, role)) {
      throw new AppError("forbidden", "Cannot grant or take a role ranked at or above yours", {
        detail: `"${role.name}" is at position ${role.position}, not below your highest role`,
      });
    }
  }
  return next;
}
