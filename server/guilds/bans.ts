/** Bans: banning (optionally deleting the user's recent messages), lifting, listing. */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { type GuildAccess, guildAccess, requirePermission } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import { idAt } from "../ids.ts";
import { channelAudience, channelRef } from "../messages/events.ts";
import type { Ban } from "../wire/types.ts";
import { recordAudit } from "./audit.ts";
import { announceRemoval, nowIso, publicUsers } from "./common.ts";
import { requireAbove } from "./moderation.ts";
import { deletedUser, toBan } from "./views.ts";

/** What `PUT /guilds/:id/bans/:userId` takes. */
export interface BanInput {
  reason?: string | null;
  /** 0 (default) keeps their messages; 86400 deletes those of the last day. */
  deleteMessageSeconds?: number;
}

/** Messages read per page while looking for the banned user's recent ones. */
const PAGE = 100;

/**
 * Bans a user (BAN_MEMBERS): removes their membership, if any, and keeps
 * them from rejoining. A member must rank below the actor; nobody bans
 * themselves or the owner. Banning again updates the reason.
 */
export async function ban(
  deps: DomainDeps,
  actorId: string,
  guildId: string,
  targetId: string,
  input: BanInput,
  headerReason: string | null = null,
): Promise<void> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, actorId, guildId, now);
  requirePermission(access, Permission.BAN_MEMBERS, "ban members", now);
  const { guild } = access;
  if (targetId === actorId || targetId === guild.ownerId) {
    throw new AppError("forbidden", "Cannot ban this member", {
      detail: targetId === actorId ? "you cannot ban yourself" : `they own "${guild.name}"`,
    });
  }
  const target = await deps.store.users.get(targetId);
  if (!target) throw notFound("User", `no user ${targetId} exists`);
  const wasMember = await deps.store.members.get(guildId, targetId);
  if (wasMember) requireAbove(access, wasMember, "ban");
  const reason = input.reason ?? headerReason;
  await deps.store.members.ban({
    guildId,
    userId: targetId,
    reason,
    moderatorId: actorId,
    createdAt: nowIso(deps),
  });
  await recordAudit(deps, { guildId, actorId, action: "member_ban_add", targetId, reason });
  if (wasMember) {
    const users = await publicUsers(deps, [targetId]);
    await announceRemoval(deps, guildId, users.get(targetId)!);
  }
  const seconds = input.deleteMessageSeconds ?? 0;
  if (seconds > 0) await deleteRecentMessages(deps, access, targetId, now - seconds * 1000);
}

/**
 * Deletes the user's messages since `sinceMs` in every channel of the
 * guild, each announced with MESSAGE_DELETE, and records how many. Ids are
 * time-sortable, so each channel is read from the first id at `sinceMs`:
 * the cost is every message the guild received since then (no per-author
 * index is kept for this rare action).
 */
async function deleteRecentMessages(
  deps: DomainDeps,
  access: GuildAccess,
  authorId: string,
  sinceMs: number,
): Promise<void> {
  const { store, bus } = deps;
  const since = idAt(Math.max(0, sinceMs));
  let count = 0;
  for (const channel of await store.channels.listByGuild(access.guild.id)) {
    if (channel.type !== "text") continue;
    for (let after = since;;) {
      const page = await store.messages.list(channel.id, { after, limit: PAGE });
      for (const m of page) {
        if (m.authorId !== authorId || !(await store.messages.delete(channel.id, m.id))) continue;
        count++;
        await bus.publish({
          t: "MESSAGE_DELETE",
          d: { id: m.id, ...channelRef(channel) },
          to: channelAudience(channel),
        });
      }
      if (page.length < PAGE) break;
      after = page[0].id; // pages come newest first
    }
  }
  if (count === 0) return;
  await recordAudit(deps, {
    guildId: access.guild.id,
    actorId: access.member.userId,
    action: "message_bulk_delete",
    targetId: authorId,
    changes: [{ key: "count", new: count }],
  });
}

/** Lifts a ban (BAN_MEMBERS). */
export async function unban(
  deps: DomainDeps,
  actorId: string,
  guildId: string,
  targetId: string,
  reason: string | null = null,
) {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, actorId, guildId, now);
  requirePermission(access, Permission.BAN_MEMBERS, "lift bans", now);
  if (!(await deps.store.members.unban(guildId, targetId))) {
    throw notFound("Ban", `user ${targetId} is not banned from "${access.guild.name}"`);
  }
  await recordAudit(deps, { guildId, actorId, action: "member_ban_remove", targetId, reason });
}

/** The guild's bans with the banned users' profiles (BAN_MEMBERS). */
export async function listBans(deps: DomainDeps, actorId: string, guildId: string): Promise<Ban[]> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, actorId, guildId, now);
  requirePermission(access, Permission.BAN_MEMBERS, "see bans", now);
  const bans = await deps.store.members.listBans(guildId);
  const users = await publicUsers(deps, bans.map((b) => b.userId));
  return bans.map((b) => toBan(b, users.get(b.userId) ?? deletedUser(b.userId)));
}
