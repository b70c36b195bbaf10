/**
 * The guilds domain as one service: guilds, channels, members, roles,
 * overwrites, bans, invites and the audit log. Every method authorises the
 * acting user through their effective permissions, writes through the
 * store, records moderation and settings actions in the audit log and only
 * then publishes its events; the work is done by the functions of the
 * sibling modules, which this class binds to its dependencies. `reason`
 * arguments go to the audit log.
 */
import type { DomainDeps } from "../deps.ts";
import type { GuildAccessSnapshot } from "../realtime/access_snapshot.ts";
import type {
  AuditEntry,
  Ban,
  Channel,
  Guild,
  Invite,
  InvitePreview,
  Member,
  Role,
} from "../wire/types.ts";
import * as audit from "./audit.ts";
import * as bans from "./bans.ts";
import * as channels from "./channels.ts";
import * as guilds from "./guilds.ts";
import * as invites from "./invites.ts";
import * as members from "./members.ts";
import * as overwrites from "./overwrites.ts";
import * as roles from "./roles.ts";

export type { ChannelPosition, CreateChannelInput, UpdateChannelInput } from "./channels.ts";
export type { CreateGuildInput, UpdateGuildInput } from "./guilds.ts";
export type { CreateInviteInput } from "./invites.ts";
export type { UpdateMemberInput } from "./members.ts";
export type { BanInput } from "./bans.ts";
export type { OverwriteInput } from "./overwrites.ts";
export type { CreateRoleInput, RolePosition, UpdateRoleInput } from "./roles.ts";

/** Guilds, channels, members, invites and bans. */
export class GuildsService {
  constructor(readonly deps: DomainDeps) {}

  /** Creates a guild owned by `userId` with `#general`, `General` (voice) and `@everyone`. */
  createGuild(userId: string, input: guilds.CreateGuildInput): Promise<Guild> {
    return guilds.createGuild(this.deps, userId, input);
  }

  /** Every guild the user belongs to, as they see it. */
  listForUser(userId: string): Promise<Guild[]> {
    return guilds.listForUser(this.deps, userId);
  }

  /** The user's guilds with the gateway's permission snapshots (`ready`). */
  readyGuilds(userId: string): Promise<{ guilds: Guild[]; access: GuildAccessSnapshot[] }> {
    return guilds.readyGuilds(this.deps, userId);
  }

  /** One guild with channels and roles; `not_found` unless a member. */
  getGuild(userId: string, guildId: string): Promise<Guild> {
    return guilds.getGuild(this.deps, userId, guildId);
  }

  /** Renames the guild or sets its icon (MANAGE_GUILD). */
  updateGuild(
    userId: string,
    guildId: string,
    input: guilds.UpdateGuildInput,
    reason: string | null = null,
  ): Promise<Guild> {
    return guilds.updateGuild(this.deps, userId, guildId, input, reason);
  }

  /** Deletes the guild and everything in it (owner). */
  deleteGuild(userId: string, guildId: string): Promise<void> {
    return guilds.deleteGuild(this.deps, userId, guildId);
  }

  /** Adds a text or voice channel (MANAGE_CHANNELS). */
  createChannel(
    userId: string,
    guildId: string,
    input: channels.CreateChannelInput,
    reason: string | null = null,
  ): Promise<Channel> {
    return channels.createChannel(this.deps, userId, guildId, input, reason);
  }

  /** Renames, re-topics or moves a guild channel (MANAGE_CHANNELS there). */
  updateChannel(
    userId: string,
    channelId: string,
    input: channels.UpdateChannelInput,
    reason: string | null = null,
  ): Promise<Channel> {
    return channels.updateChannel(this.deps, userId, channelId, input, reason);
  }

  /** Deletes a guild channel (MANAGE_CHANNELS there; never the last text channel). */
  deleteChannel(userId: string, channelId: string, reason: string | null = null): Promise<void> {
    return channels.deleteChannel(this.deps, userId, channelId, reason);
  }

  /** Sets a channel's overwrite for a role or member (MANAGE_ROLES or MANAGE_CHANNELS there). */
  setOverwrite(
    userId: string,
    channelId: string,
    targetId: string,
    input: overwrites.OverwriteInput,
    reason: string | null = null,
  ): Promise<void> {
    return overwrites.setOverwrite(this.deps, userId, channelId, targetId, input, reason);
  }

  /** Removes a channel's overwrite (MANAGE_ROLES or MANAGE_CHANNELS there). */
  deleteOverwrite(
    userId: string,
    channelId: string,
    targetId: string,
    reason: string | null = null,
  ): Promise<void> {
    return overwrites.deleteOverwrite(this.deps, userId, channelId, targetId, reason);
  }

  /** Moves several channels at once (MANAGE_CHANNELS); the visible channels, in order. */
  reorderChannels(
    userId: string,
    guildId: string,
    positions: channels.ChannelPosition[],
  ): Promise<Channel[]> {
    return channels.reorderChannels(this.deps, userId, guildId, positions);
  }

  /** A page of members ordered by user id (members only). */
  listMembers(userId: string, guildId: string, after: string | null, limit: number) {
    return members.listMembers(this.deps, userId, guildId, after, limit);
  }

  /** Leave (self) or kick (KICK_MEMBERS, above the target). */
  removeMember(
    actorId: string,
    guildId: string,
    targetId: string,
    reason: string | null = null,
  ): Promise<void> {
    return members.removeMember(this.deps, actorId, guildId, targetId, reason);
  }

  /** Changes a nickname, roles or a timeout (see {@link members.updateMember}). */
  updateMember(
    actorId: string,
    guildId: string,
    targetId: string,
    input: members.UpdateMemberInput,
    reason: string | null = null,
  ): Promise<Member> {
    return members.updateMember(this.deps, actorId, guildId, targetId, input, reason);
  }

  /** Bans a user, removing them if a member, optionally deleting their last day's messages. */
  ban(
    actorId: string,
    guildId: string,
    targetId: string,
    input: bans.BanInput,
    headerReason: string | null = null,
  ): Promise<void> {
    return bans.ban(this.deps, actorId, guildId, targetId, input, headerReason);
  }

  /** Lifts a ban (BAN_MEMBERS). */
  unban(
    actorId: string,
    guildId: string,
    targetId: string,
    reason: string | null = null,
  ): Promise<void> {
    return bans.unban(this.deps, actorId, guildId, targetId, reason);
  }

  /** The guild's bans (BAN_MEMBERS). */
  listBans(actorId: string, guildId: string): Promise<Ban[]> {
    return bans.listBans(this.deps, actorId, guildId);
  }

  /** Adds a role just above `@everyone` (MANAGE_ROLES). */
  createRole(
    actorId: string,
    guildId: string,
    input: roles.CreateRoleInput,
    reason: string | null = null,
  ): Promise<Role> {
    return roles.createRole(this.deps, actorId, guildId, input, reason);
  }

  /** Edits a role below one's own (MANAGE_ROLES). */
  updateRole(
    actorId: string,
    guildId: string,
    roleId: string,
    input: roles.UpdateRoleInput,
    reason: string | null = null,
  ): Promise<Role> {
    return roles.updateRole(this.deps, actorId, guildId, roleId, input, reason);
  }

  /** Deletes a role below one's own (MANAGE_ROLES). */
  deleteRole(
    actorId: string,
    guildId: string,
    roleId: string,
    reason: string | null = null,
  ): Promise<void> {
    return roles.deleteRole(this.deps, actorId, guildId, roleId, reason);
  }

  /** Moves roles below one's own (MANAGE_ROLES); every role by position. */
  reorderRoles(
    actorId: string,
    guildId: string,
    positions: roles.RolePosition[],
    reason: string | null = null,
  ): Promise<Role[]> {
    return roles.reorderRoles(this.deps, actorId, guildId, positions, reason);
  }

  /** A page of the audit log, newest first (MANAGE_GUILD). */
  auditLog(
    actorId: string,
    guildId: string,
    query: { before?: string; limit: number },
  ): Promise<AuditEntry[]> {
    return audit.listAuditLog(this.deps, actorId, guildId, query);
  }

  /** Makes an invite code (CREATE_INVITE, which `@everyone` holds by default). */
  createInvite(userId: string, guildId: string, input: invites.CreateInviteInput): Promise<Invite> {
    return invites.createInvite(this.deps, userId, guildId, input);
  }

  /** What a code leads to; no login needed. */
  previewInvite(code: string): Promise<InvitePreview> {
    return invites.previewInvite(this.deps, code);
  }

  /** Joins through a code (idempotent for members; refused for banned users). */
  acceptInvite(userId: string, code: string): Promise<Guild> {
    return invites.acceptInvite(this.deps, userId, code);
  }
}
