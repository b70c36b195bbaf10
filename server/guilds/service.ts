/**
 * The guilds domain as one service: guilds, channels, members, bans and
 * invites. Until roles arrive the owner manages and members chat. Every
 * method authorises the acting user, writes through the store and only
 * then publishes its events; the work is done by the functions of the
 * sibling modules, which this class binds to its dependencies.
 */
import type { DomainDeps } from "../deps.ts";
import type { Channel, Guild, Invite, InvitePreview, Member } from "../wire/types.ts";
import * as channels from "./channels.ts";
import * as guilds from "./guilds.ts";
import * as invites from "./invites.ts";
import * as members from "./members.ts";
import type { Ban } from "./views.ts";

export type { ChannelPosition, CreateChannelInput, UpdateChannelInput } from "./channels.ts";
export type { CreateGuildInput, UpdateGuildInput } from "./guilds.ts";
export type { CreateInviteInput } from "./invites.ts";
export type { UpdateMemberInput } from "./members.ts";

/** Guilds, channels, members, invites and bans. */
export class GuildsService {
  constructor(readonly deps: DomainDeps) {}

  /** Creates a guild owned by `userId` with `#general`, `General` (voice) and `@everyone`. */
  createGuild(userId: string, input: guilds.CreateGuildInput): Promise<Guild> {
    return guilds.createGuild(this.deps, userId, input);
  }

  /** Every guild the user belongs to (the gateway's `ready` snapshot). */
  listForUser(userId: string): Promise<Guild[]> {
    return guilds.listForUser(this.deps, userId);
  }

  /** One guild with channels and roles; `not_found` unless a member. */
  getGuild(userId: string, guildId: string): Promise<Guild> {
    return guilds.getGuild(this.deps, userId, guildId);
  }

  /** Renames the guild or sets its icon (owner). */
  updateGuild(userId: string, guildId: string, input: guilds.UpdateGuildInput): Promise<Guild> {
    return guilds.updateGuild(this.deps, userId, guildId, input);
  }

  /** Deletes the guild and everything in it (owner). */
  deleteGuild(userId: string, guildId: string): Promise<void> {
    return guilds.deleteGuild(this.deps, userId, guildId);
  }

  /** Adds a text or voice channel (owner). */
  createChannel(
    userId: string,
    guildId: string,
    input: channels.CreateChannelInput,
  ): Promise<Channel> {
    return channels.createChannel(this.deps, userId, guildId, input);
  }

  /** Renames, re-topics or moves a guild channel (owner). */
  updateChannel(
    userId: string,
    channelId: string,
    input: channels.UpdateChannelInput,
  ): Promise<Channel> {
    return channels.updateChannel(this.deps, userId, channelId, input);
  }

  /** Deletes a guild channel (owner; never the last text channel). */
  deleteChannel(userId: string, channelId: string): Promise<void> {
    return channels.deleteChannel(this.deps, userId, channelId);
  }

  /** Moves several channels at once (owner); all of the guild's channels, in order. */
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

  /** Leave (self) or kick (owner). */
  removeMember(actorId: string, guildId: string, targetId: string): Promise<void> {
    return members.removeMember(this.deps, actorId, guildId, targetId);
  }

  /** Changes a nickname (self, or the owner for anyone). */
  updateMember(
    actorId: string,
    guildId: string,
    targetId: string,
    input: members.UpdateMemberInput,
  ): Promise<Member> {
    return members.updateMember(this.deps, actorId, guildId, targetId, input);
  }

  /** Bans a user from rejoining, removing them if they are a member (owner). */
  ban(actorId: string, guildId: string, targetId: string, reason: string | null): Promise<void> {
    return members.ban(this.deps, actorId, guildId, targetId, reason);
  }

  /** Lifts a ban (owner). */
  unban(actorId: string, guildId: string, targetId: string): Promise<void> {
    return members.unban(this.deps, actorId, guildId, targetId);
  }

  /** The guild's bans (owner). */
  listBans(actorId: string, guildId: string): Promise<Ban[]> {
    return members.listBans(this.deps, actorId, guildId);
  }

  /** Makes an invite code (members with CREATE_INVITE, which is the default). */
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
