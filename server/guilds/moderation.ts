/** The hierarchy checks every moderation action shares. */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import type { GuildAccess } from "../permissions/access.ts";
import { canModerate } from "../permissions/hierarchy.ts";
import type { GuildRecord, MemberRecord } from "../store/port.ts";

/**
 * Throws `forbidden` unless the actor may moderate `target`: not
 * themselves, not the owner, and ranked above them.
 */
export function requireAbove(access: GuildAccess, target: MemberRecord, verb: string): void {
  const { guild, member, roles } = access;
  if (canModerate(guild, member, target, roles)) return;
  const detail = target.userId === member.userId
    ? "you cannot do this to yourself"
    : target.userId === guild.ownerId
    ? `they own "${guild.name}"`
    : "their highest role is not below yours";
  throw new AppError("forbidden", `Cannot ${verb} this member`, { detail });
}

/** The target's membership if the actor may moderate them; `not_found` when not a member. */
export async function requireModeratable(
  deps: DomainDeps,
  access: GuildAccess,
  targetId: string,
  verb: string,
): Promise<MemberRecord> {
  const target = await deps.store.members.get(access.guild.id, targetId);
  if (!target) throw memberNotFound(access.guild, targetId);
  requireAbove(access, target, verb);
  return target;
}

/** The `not_found` for a user who is not a member. */
export function memberNotFound(guild: GuildRecord, userId: string): AppError {
  return notFound("Member", `user ${userId} is not a member of "${guild.name}"`);
}
