/** Members: listing, nicknames, leaving, kicks and bans. */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { guildMembership, requireOwner } from "../permissions/access.ts";
import type { GuildRecord } from "../store/port.ts";
import type { Member } from "../wire/types.ts";
import { announceRemoval, memberView, nowIso, publicUsers } from "./common.ts";
import { type Ban, deletedUser, toBan, toMember } from "./views.ts";

/** What `PATCH /guilds/:id/members/:userId` takes; `nick: null` clears it. */
export interface UpdateMemberInput {
  nick?: string | null;
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
 * (owner only) otherwise. The owner cannot leave; they delete the guild.
 */
export async function removeMember(
  deps: DomainDeps,
  actorId: string,
  guildId: string,
  targetId: string,
): Promise<void> {
  const { guild } = await guildMembership(deps.store, actorId, guildId);
  if (actorId === targetId && guild.ownerId === actorId) {
    throw new AppError("conflict", "The owner cannot leave their own server", {
      detail: `you own "${guild.name}"; delete the server instead`,
    });
  }
  if (actorId !== targetId) requireOwner(guild, actorId, "kick members");
  if (!(await deps.store.members.remove(guildId, targetId))) throw memberNotFound(guild, targetId);
  const users = await publicUsers(deps, [targetId]);
  await announceRemoval(deps, guildId, users.get(targetId)!);
}

/** Changes a nickname: one's own, or anyone's for the owner. */
export async function updateMember(
  deps: DomainDeps,
  actorId: string,
  guildId: string,
  targetId: string,
  input: UpdateMemberInput,
): Promise<Member> {
  const { guild } = await guildMembership(deps.store, actorId, guildId);
  if (actorId !== targetId) requireOwner(guild, actorId, "change other members' nicknames");
  const current = await deps.store.members.get(guildId, targetId);
  if (!current) throw memberNotFound(guild, targetId);
  if (input.nick === undefined) return await memberView(deps, current);
  const updated = await deps.store.members.update(guildId, targetId, { nick: input.nick });
  if (!updated) throw memberNotFound(guild, targetId);
  const view = await memberView(deps, updated);
  await deps.bus.publish({ t: "GUILD_MEMBER_UPDATE", d: view, to: { guildId } });
  return view;
}

/**
 * Bans a user (owner only; not oneself): removes their membership, if any,
 * and keeps them from rejoining. Banning again updates the reason.
 */
export async function ban(
  deps: DomainDeps,
  actorId: string,
  guildId: string,
  targetId: string,
  reason: string | null,
): Promise<void> {
  const { guild } = await guildMembership(deps.store, actorId, guildId);
  requireOwner(guild, actorId, "ban members");
  if (targetId === actorId) {
    throw new AppError("validation_failed", "You cannot ban yourself", {
      detail: `you own "${guild.name}"; delete the server instead`,
    });
  }
  const target = await deps.store.users.get(targetId);
  if (!target) throw notFound("User", `no user ${targetId} exists`);
  const wasMember = await deps.store.members.get(guildId, targetId);
  await deps.store.members.ban({
    guildId,
    userId: targetId,
    reason,
    moderatorId: actorId,
    createdAt: nowIso(deps),
  });
  if (wasMember) {
    const users = await publicUsers(deps, [targetId]);
    await announceRemoval(deps, guildId, users.get(targetId)!);
  }
}

/** Lifts a ban (owner only). */
export async function unban(deps: DomainDeps, actorId: string, guildId: string, targetId: string) {
  const { guild } = await guildMembership(deps.store, actorId, guildId);
  requireOwner(guild, actorId, "lift bans");
  if (!(await deps.store.members.unban(guildId, targetId))) {
    throw notFound("Ban", `user ${targetId} is not banned from "${guild.name}"`);
  }
}

/** The guild's bans with the banned users' profiles (owner only). */
export async function listBans(deps: DomainDeps, actorId: string, guildId: string): Promise<Ban[]> {
  const { guild } = await guildMembership(deps.store, actorId, guildId);
  requireOwner(guild, actorId, "see bans");
  const bans = await deps.store.members.listBans(guildId);
  const users = await publicUsers(deps, bans.map((b) => b.userId));
  return bans.map((b) => toBan(b, users.get(b.userId) ?? deletedUser(b.userId)));
}

function memberNotFound(guild: GuildRecord, userId: string): AppError {
  return notFound("Member", `user ${userId} is not a member of "${guild.name}"`);
}
