/**
 * What a gateway instance needs to know of a guild to tell who may view
 * which channel without asking the store: its roles, its channels with
 * their overwrites, and the roles of the members it concerns. Services
 * attach one to the events that make a user follow a guild (and `ready`
 * carries one per guild); it is never sent to clients.
 */
import type { PermissionMember, PermissionRole } from "../permissions/compute.ts";
import type { Channel } from "../wire/types.ts";

/** A guild's permission data as of one read of the store. */
export interface GuildAccessSnapshot {
  guildId: string;
  ownerId: string;
  roles: PermissionRole[];
  /** Every channel of the guild (not only those some user sees), with overwrites. */
  channels: Channel[];
  /** The memberships of the users the event or `ready` is about. */
  members: PermissionMember[];
}
