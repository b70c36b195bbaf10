/** Roles: create, edit, reorder, delete (MANAGE_ROLES, only below one's own highest role). */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { type GuildAccess, guildAccess, requirePermission } from "../permissions/access.ts";
import { ALL_PERMISSIONS, Permission } from "../permissions/bits.ts";
import { bitsOf } from "../permissions/compute.ts";
import { canManageRole, highestPosition } from "../permissions/hierarchy.ts";
import type { RoleRecord } from "../store/port.ts";
import type { Role } from "../wire/types.ts";
import { recordAudit } from "./audit.ts";
import { requireGrantable } from "./grants.ts";
import { toRole } from "./views.ts";

/** How many roles one server may have, `@everyone` included. */
export const MAX_ROLES_PER_GUILD = 250;

/** What `POST /guilds/:id/roles` takes. */
export interface CreateRoleInput {
  name: string;
  permissions?: string;
  color?: number;
}

/** What `PATCH /guilds/:id/roles/:roleId` takes. */
export type UpdateRoleInput = Partial<CreateRoleInput>;

/** One entry of `PATCH /guilds/:id/roles`. */
export interface RolePosition {
  id: string;
  position: number;
}

async function managerOf(deps: DomainDeps, userId: string, guildId: string, action: string) {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, userId, guildId, now);
  requirePermission(access, Permission.MANAGE_ROLES, action, now);
  return access;
}

/**
 * Adds a role at position 1, just above `@everyone` (the others move up
 * one), with only bits the actor holds; tells every member.
 */
export async function createRole(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  input: CreateRoleInput,
  reason: string | null = null,
): Promise<Role> {
  const access = await managerOf(deps, userId, guildId, "create roles");
  const bits = requireGrantable(input.permissions ?? "0", access.permissions, "permissions");
  if (access.roles.length >= MAX_ROLES_PER_GUILD) {
    throw new AppError("conflict", "Cannot create role as the server has too many", {
      detail: `"${access.guild.name}" has ${access.roles.length} of at most ` +
        `${MAX_ROLES_PER_GUILD} roles`,
    });
  }
  const shifted = await deps.store.guilds.reorderRoles(
    guildId,
    access.roles.filter((r) => r.id !== guildId).map((r) => ({
      id: r.id,
      position: r.position + 1,
    })),
  );
  const role: RoleRecord = {
    id: deps.ids.next(),
    guildId,
    name: input.name,
    color: input.color ?? 0,
    position: 1,
    permissions: String(bits),
  };
  await deps.store.guilds.createRole(role);
  await recordAudit(deps, {
    guildId,
    actorId: userId,
    action: "role_create",
    targetId: role.id,
    reason,
    changes: [
      { key: "name", new: role.name },
      { key: "permissions", new: role.permissions },
      { key: "color", new: role.color },
    ],
  });
  for (const r of shifted) await publishRole(deps, "GUILD_ROLE_UPDATE", r);
  await publishRole(deps, "GUILD_ROLE_CREATE", role);
  return toRole(role);
}

/**
 * Renames, recolours or re-permissions a role ranked below the actor.
 * Bits it newly grants must be held by the actor. `@everyone` keeps its name.
 */
export async function updateRole(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  roleId: string,
  input: UpdateRoleInput,
  reason: string | null = null,
): Promise<Role> {
  const access = await managerOf(deps, userId, guildId, "edit roles");
  const role = requireManageable(access, roleId);
  if (roleId === guildId && input.name !== undefined && input.name !== role.name) {
    throw new AppError("validation_failed", "@everyone cannot be renamed", {
      detail: "only the permissions and colour of @everyone can change",
      errors: [{ path: "name", message: "must be left out for @everyone" }],
    });
  }
  const patch: Partial<Pick<RoleRecord, "name" | "color" | "permissions">> = {};
  if (input.name !== undefined && input.name !== role.name) patch.name = input.name;
  if (input.color !== undefined && input.color !== role.color) patch.color = input.color;
  if (input.permissions !== undefined) {
    const added = requireKnown(input.permissions) & ~bitsOf(role.permissions);
    requireGrantable(String(added), access.permissions, "permissions");
    const next = String(Number(input.permissions));
    if (next !== role.permissions) patch.permissions = next;
  }
  if (Object.keys(patch).length === 0) return toRole(role);
  const updated = await deps.store.guilds.updateRole(guildId, roleId, patch);
  if (!updated) throw notFound("Role", `role ${roleId} was deleted`);
  await recordAudit(deps, {
    guildId,
    actorId: userId,
    action: "role_update",
    targetId: roleId,
    reason,
    changes: (Object.keys(patch) as (keyof typeof patch)[]).map((key) => ({
      key,
      old: role[key],
      new: updated[key],
    })),
  });
  await publishRole(deps, "GUILD_ROLE_UPDATE", updated);
  return toRole(updated);
}

/**
 * Deletes a role ranked below the actor (never `@everyone`); members lose
 * it. The role goes first, so a crash before the members are swept leaves
 * only ids that grant nothing.
 */
export async function deleteRole(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  roleId: string,
  reason: string | null = null,
): Promise<void> {
  const access = await managerOf(deps, userId, guildId, "delete roles");
  const role = requireManageable(access, roleId);
  if (roleId === guildId) {
    throw new AppError("validation_failed", "@everyone cannot be deleted", {
      detail: "every server keeps its @everyone role",
    });
  }
  if (!(await deps.store.guilds.deleteRole(guildId, roleId))) {
    throw notFound("Role", `role ${roleId} was deleted`);
  }
  await recordAudit(deps, {
    guildId,
    actorId: userId,
    action: "role_delete",
    targetId: roleId,
    reason,
    changes: [{ key: "name", old: role.name }, { key: "permissions", old: role.permissions }],
  });
  await deps.bus.publish({ t: "GUILD_ROLE_DELETE", d: { guildId, roleId }, to: { guildId } });
  await sweepMembers(deps, guildId, roleId);
}

/**
 * Moves several roles at once; each moved role, and where it goes, must
 * be below the actor's highest role. Answers with every role by position.
 */
export async function reorderRoles(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  positions: RolePosition[],
  reason: string | null = null,
): Promise<Role[]> {
  const access = await managerOf(deps, userId, guildId, "reorder roles");
  const { guild, member, roles } = access;
  const byId = new Map(roles.map((r) => [r.id, r]));
  const errors = positions.flatMap((p, i) =>
    !byId.has(p.id)
      ? [{ path: `${i}.id`, message: "not a role of this server" }]
      : p.id === guildId
      ? [{ path: `${i}.id`, message: "@everyone stays at position 0" }]
      : positions.findIndex((q) => q.id === p.id) !== i
      ? [{ path: `${i}.id`, message: "listed more than once" }]
      : []
  );
  if (errors.length > 0) {
    throw new AppError("validation_failed", "Cannot reorder roles", {
      detail: `${errors[0].path}: ${errors[0].message}`,
      errors,
    });
  }
  const highest = highestPosition(guild, member, roles);
  const moves = positions.filter((p) => byId.get(p.id)!.position !== p.position);
  for (const p of moves) {
    const role = byId.get(p.id)!;
    if (!canManageRole(guild, member, roles, role) || p.position >= highest) {
      throw new AppError("forbidden", "Cannot move a role to or from at or above your own", {
        detail: `"${role.name}" (position ${role.position} → ${p.position}) must stay below ` +
          `your highest role (position ${highest})`,
      });
    }
  }
  const changed = await deps.store.guilds.reorderRoles(guildId, moves);
  for (const r of changed) {
    await recordAudit(deps, {
      guildId,
      actorId: userId,
      action: "role_update",
      targetId: r.id,
      reason,
      changes: [{ key: "position", old: byId.get(r.id)!.position, new: r.position }],
    });
    await publishRole(deps, "GUILD_ROLE_UPDATE", r);
  }
  return (await deps.store.guilds.listRoles(guildId)).map(toRole);
}

/** The role if it is the guild's and ranked below the actor; `forbidden` or `not_found`. */
function requireManageable(access: GuildAccess, roleId: string): RoleRecord {
  const role = access.roles.find((r) => r.id === roleId);
  if (!role) throw notFound("Role", `"${access.guild.name}" has no role ${roleId}`);
  if (!canManageRole(access.guild, access.member, access.roles, role)) {
    throw new AppError("forbidden", "Cannot manage a role ranked at or above your own", {
      detail: `"${role.name}" is at position ${role.position}, not below your highest role`,
    });
  }
  return role;
}

/** The bits of a permissions string, or `forbidden` for bits outside the known set. */
function requireKnown(text: string): number {
  return requireGrantable(text, ALL_PERMISSIONS, "permissions");
}

async function publishRole(
  deps: DomainDeps,
  t: "GUILD_ROLE_CREATE" | "GUILD_ROLE_UPDATE",
  role: RoleRecord,
): Promise<void> {
  const d = { guildId: role.guildId, role: toRole(role) };
  await deps.bus.publish({ t, d, to: { guildId: role.guildId } });
}

/** Members fetched per page when taking a deleted role away. */
const SWEEP_PAGE = 1000;

/** Takes a deleted role's id out of every member holding it (no events: clients drop it). */
async function sweepMembers(deps: DomainDeps, guildId: string, roleId: string): Promise<void> {
  for (let after: string | null = null;;) {
    const page = await deps.store.members.list(guildId, after, SWEEP_PAGE);
    for (const m of page) {
      if (!m.roleIds.includes(roleId)) continue;
      await deps.store.members.update(guildId, m.userId, {
        roleIds: m.roleIds.filter((id) => id !== roleId),
      });
    }
    if (page.length < SWEEP_PAGE) return;
    after = page[page.length - 1].userId;
  }
}
