/** Invite codes: creating, previewing and joining through them. */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { guildAccess, requirePermission } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { InviteRecord, MemberRecord } from "../store/port.ts";
import type { Guild, Invite, InvitePreview } from "../wire/types.ts";
import { recordAudit } from "./audit.ts";
import {
  accessSnapshot,
  announceJoin,
  guildView,
  memberView,
  nowIso,
  requireRoomForGuild,
} from "./common.ts";
import { toInvite, toInvitePreview } from "./views.ts";

/** An invite lives this long unless asked otherwise: 7 days. */
export const DEFAULT_INVITE_AGE_SECONDS = 7 * 24 * 3600;

/** What `POST /guilds/:id/invites` takes; `maxAgeSeconds: 0` never expires. */
export interface CreateInviteInput {
  maxUses?: number;
  maxAgeSeconds?: number;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** An unguessable code: 10 base62 characters (~59 bits) without modulo bias. */
export function inviteCode(length = 10): string {
  let out = "";
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b < 248 && out.length < length) out += BASE62[b % 62]; // 248 = 4 × 62
    }
  }
  return out;
}

/** Makes an invite to the guild (CREATE_INVITE, which `@everyone` holds by default). */
export async function createInvite(
  deps: DomainDeps,
  userId: string,
  guildId: string,
  input: CreateInviteInput,
): Promise<Invite> {
  const access = await guildAccess(deps.store, userId, guildId, deps.clock.now());
  requirePermission(access, Permission.CREATE_INVITE, "create invites", deps.clock.now());
  const now = deps.clock.now();
  const age = input.maxAgeSeconds ?? DEFAULT_INVITE_AGE_SECONDS;
  const base = {
    guildId,
    inviterId: userId,
    maxUses: input.maxUses ?? null,
    uses: 0,
    expiresAt: age === 0 ? null : new Date(now + age * 1000).toISOString(),
    createdAt: new Date(now).toISOString(),
  };
  for (let attempt = 1;; attempt++) {
    const invite: InviteRecord = { code: inviteCode(), ...base };
    try {
      await deps.store.invites.create(invite);
      await recordAudit(deps, {
        guildId,
        actorId: userId,
        action: "invite_create",
        targetId: invite.code,
        changes: [
          { key: "maxUses", new: invite.maxUses },
          { key: "expiresAt", new: invite.expiresAt },
        ],
      });
      return toInvite(invite);
    } catch (error) {
      // A taken code is astronomically unlikely; try a fresh one a few times.
      if (!(error instanceof AppError && error.code === "conflict") || attempt >= 3) throw error;
    }
  }
}

/** Why the invite cannot be used now, as the problem to answer with; null when it can. */
function unusable(invite: InviteRecord, now: number): AppError | null {
  if (invite.expiresAt !== null && Date.parse(invite.expiresAt) <= now) {
    return expired(invite);
  }
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return exhausted(invite);
  return null;
}

const missing = (code: string) => notFound("Invite", `no invite has code ${code}`);
const expired = (i: InviteRecord) =>
  new AppError("not_found", "Invite has expired", {
    detail: `invite ${i.code} expired at ${i.expiresAt}`,
  });
const exhausted = (i: InviteRecord) =>
  new AppError("not_found", "Invite has been used up", {
    detail: `invite ${i.code} was used ${i.uses} of ${i.maxUses} times`,
  });

/** What the holder of a code sees before joining; no login needed. */
export async function previewInvite(deps: DomainDeps, code: string): Promise<InvitePreview> {
  const invite = await deps.store.invites.get(code);
  if (!invite) throw missing(code);
  const problem = unusable(invite, deps.clock.now());
  if (problem) throw problem;
  const guild = await deps.store.guilds.get(invite.guildId);
  if (!guild) throw missing(code);
  return toInvitePreview(invite, guild, await deps.store.members.count(guild.id));
}

/**
 * Joins the invite's guild and answers with it. Members get the guild
 * without using up the invite; banned users are refused. The use is
 * counted atomically, so an invite with one use left admits one user.
 */
export async function acceptInvite(deps: DomainDeps, userId: string, code: string): Promise<Guild> {
  const invite = await deps.store.invites.get(code);
  if (!invite) throw missing(code);
  const guild = await deps.store.guilds.get(invite.guildId);
  if (!guild) throw missing(code);
  if (await deps.store.members.get(guild.id, userId)) return await guildView(deps, guild, userId);
  if (await deps.store.members.getBan(guild.id, userId)) throw banned(guild.name);
  await requireRoomForGuild(deps, userId, "join this server");
  const use = await deps.store.invites.use(code, nowIso(deps));
  if (use.kind === "missing") throw missing(code);
  if (use.kind === "expired") throw expired(invite);
  if (use.kind === "exhausted") throw exhausted({ ...invite, uses: invite.maxUses ?? invite.uses });
  const member: MemberRecord = {
    guildId: guild.id,
    userId,
    nick: null,
    roleIds: [],
    joinedAt: nowIso(deps),
    timeoutUntil: null,
  };
  if (!(await deps.store.members.add(member))) {
    // Joined through another request meanwhile, or banned meanwhile.
    if (await deps.store.members.get(guild.id, userId)) return await guildView(deps, guild, userId);
    throw banned(guild.name);
  }
  const [view, access] = await Promise.all([
    guildView(deps, guild, userId),
    accessSnapshot(deps, guild, [member]),
  ]);
  await announceJoin(deps, view, await memberView(deps, member), access);
  return view;
}

function banned(guildName: string): AppError {
  return new AppError("forbidden", "You are banned from this server", {
    detail: `a moderator of "${guildName}" banned you; they can lift the ban`,
  });
}
