/** Writing and reading a guild's audit log of moderation and settings actions. */
import type { DomainDeps } from "../deps.ts";
import { Permission } from "../permissions/bits.ts";
import { guildAccess, requirePermission } from "../permissions/access.ts";
import type { AuditChangeRecord, AuditEntryRecord } from "../store/port.ts";
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from "../wire/types.ts";
import { nowIso, publicUsers } from "./common.ts";
import { deletedUser } from "./views.ts";

/** What an action records; the id and time are added here. */
export interface AuditInput {
  guildId: string;
  actorId: string;
  action: AuditAction;
  targetId?: string | null;
  reason?: string | null;
  changes?: AuditChangeRecord[];
}

/**
 * Actions whose target is a user, so entries show the target's profile:
 * the member ones, and the message ones (their target is the author).
 */
const USER_TARGETS: ReadonlySet<AuditAction> = new Set(
  AUDIT_ACTIONS.filter((a) => a.startsWith("member_") || a.startsWith("message_")),
);

/**
 * Appends an entry after the action it records was stored. A failure here
 * is logged, not thrown: the action already happened and its events must
 * still go out.
 */
export async function recordAudit(deps: DomainDeps, input: AuditInput): Promise<void> {
  const entry: AuditEntryRecord = {
    id: deps.ids.next(),
    guildId: input.guildId,
    actorId: input.actorId,
    action: input.action,
    targetId: input.targetId ?? null,
    reason: input.reason ?? null,
    changes: input.changes ?? [],
    createdAt: nowIso(deps),
  };
  try {
    await deps.store.auditLog.append(entry);
  } catch (error) {
    deps.log.error("audit log append failed", { action: entry.action, error: String(error) });
  }
}

/** A page of the guild's audit log, newest first (MANAGE_GUILD). */
export async function listAuditLog(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  query: { before?: string; limit: number },
): Promise<AuditEntry[]> {
  const now = deps.clock.now();
  const access = await guildAccess(deps.store, userId, guildId, now);
  requirePermission(access, Permission.MANAGE_GUILD, "read the audit log", now);
  const records = await deps.store.auditLog.list(guildId, query);
  const ids = records.flatMap((r) =>
    USER_TARGETS.has(r.action as AuditAction) && r.targetId ? [r.actorId, r.targetId] : [r.actorId]
  );
  const users = await publicUsers(deps, ids);
  return records.map((r) => ({
    id: r.id,
    guildId: r.guildId,
    actorId: r.actorId,
    actor: users.get(r.actorId) ?? deletedUser(r.actorId),
    action: r.action as AuditAction,
    targetId: r.targetId,
    target: USER_TARGETS.has(r.action as AuditAction) && r.targetId
      ? users.get(r.targetId) ?? deletedUser(r.targetId)
      : null,
    reason: r.reason,
    changes: r.changes,
    createdAt: r.createdAt,
  }));
}
