/** Members: listing, nicknames, roles, timeouts, leaving and kicks. Bans are in bans.ts. */
import type { DomainDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { guildAccess, guildMembership, requirePermission } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { MemberRecord } from "../store/port.ts";
import type { AuditAction, Member } from "../wire/types.ts";
import { recordAudit } from "./audit.ts";
import { announceRemoval, memberView, publicUsers } from "./common.ts";
import { checkRoleChange } from "./member_roles.ts";
import { memberNotFound, requireAbove, requireModeratable } from "./moderation.ts";
import { checkTimeout } from "./timeouts.ts";
import { deletedUser, toMember } from "./views.ts";

/**
 * What `PATCH /guilds/:id/members/:userId` takes: `nick: null` clears it,
 * `roleIds` is the full new set, `timeoutUntil: null` lifts a timeout.
 */
export interface UpdateMemberInput {
  nick?: string | null;
  roleIds?: string[];
  timeoutUntil?: string | null;
}

/** A page of members by user id, with profiles and presence (members only). */
export async function listMembers(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  after: string | null,
  limit: number,
): Promise<Member[]> {
  await guildMembership(deps.store, userId, guildId);
  const records = await deps.store.members.list(guildId, after, limit);
  const users = await publicUsers(deps, records.map((m) => m.userId));
  return records.map((m) =>
    toMember(m, users.get(m.userId) ?? deletedUser(m.userId), deps.presence.status(m.userId))
  );
}

/**
 * Removes `targetId` from the guild: leaving when it is the actor, a kick
 * otherwise (KICK_MEMBERS, ranked above the target). The owner cannot
 * leave; they delete the guild.
 */
export async function removeMember(
  deps: DomainDeps,
  actorId: string,
  guildId: string,
  targetId: string,
  reason: string | null = null,
): Promise<void> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, actorId, guildId, now);
  const { guild } = access;
  if (actorId === targetId && guild.ownerId === actorId) {
    throw new AppError("conflict", "The owner cannot leave their own server", {
      detail: `you own "${guild.name}"; delete the server instead`,
    });
  }
  if (actorId !== targetId) {
    requirePermission(access, Permission.KICK_MEMBERS, "kick members", now);
    await requireModeratable(deps, access, targetId, "kick");
  }
  if (!(await deps.store.members.remove(guildId, targetId))) throw memberNotFound(guild, targetId);
  if (actorId !== targetId) {
    await recordAudit(deps, { guildId, actorId, action: "member_kick", targetId, reason });
  }
  const users = await publicUsers(deps, [targetId]);
  await announceRemoval(deps, guildId, users.get(targetId)!);
}

/**
 * Changes a member: one's own nickname; someone else's (MODERATE_MEMBERS);
 * roles (MANAGE_ROLES, only roles ranked below the actor); a timeout
 * (MODERATE_MEMBERS, at most 28 days). Changing someone else needs a rank
 * above theirs and never touches the owner. All checks pass before anything
 * is written.
 */
export async function updateMember(
  deps: DomainDeps,
  actorId: string,
  guildId: string,
  targetId: string,
  input: UpdateMemberInput,
  reason: string | null = null,
): Promise<Member> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, actorId, guildId, now);
  const { guild } = access;
  const current = actorId === targetId
    ? access.member
    : await deps.store.members.get(guildId, targetId);
  if (!current) throw memberNotFound(guild, targetId);
  const other = actorId !== targetId;
  const patch: Partial<Pick<MemberRecord, "nick" | "roleIds" | "timeoutUntil">> = {};
  if (input.nick !== undefined && input.nick !== current.nick) {
    if (other) {
      requirePermission(access, Permission.MODERATE_MEMBERS, "change others' nicknames", now);
      requireAbove(access, current, "change the nickname of");
    }
    patch.nick = input.nick;
  }
  if (input.roleIds !== undefined) {
    const roleIds = checkRoleChange(access, current, input.roleIds, now);
    if (roleIds) patch.roleIds = roleIds;
  }
  if (input.timeoutUntil !== undefined && input.timeoutUntil !== current.timeoutUntil) {
    patch.timeoutUntil = checkTimeout(access, current, input.timeoutUntil, now);
  }
  if (Object.keys(patch).length === 0) return await memberView(deps, current);
  const updated = await deps.store.members.update(guildId, targetId, patch);
  if (!updated) throw memberNotFound(guild, targetId);
  for (const [key, action] of AUDITED) {
    if (patch[key] === undefined || (key === "nick" && !other)) continue;
    await recordAudit(deps, {
      guildId,
      actorId,
      action,
      targetId,
      reason,
      changes: [{ key, old: current[key], new: updated[key] }],
    });
  }
  const view = await memberView(deps, updated);
  await deps.bus.publish({ t: "GUILD_MEMBER_UPDATE", d: view, to: { guildId } });
  return view;
}

const AUDITED: [keyof UpdateMemberInput, AuditAction][] = [
  ["nick", "member_update"],
  ["roleIds", "member_role_update"],
  ["timeoutUntil", "member_timeout"],
];
