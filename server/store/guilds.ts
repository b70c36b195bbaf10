import type { ChannelRecord } from "./channels.ts";
import type { MemberRecord } from "./members.ts";

/** A stored guild. */
export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  icon: string | null;
  createdAt: string;
}

/** A stored role; the `@everyone` role's id equals its guild's id. */
export interface RoleRecord {
  id: string;
  guildId: string;
  name: string;
  color: number;
  position: number;
  /** Bitfield as a decimal string. */
  permissions: string;
}

/** Guilds and their roles. */
export interface GuildRepo {
  /** Stores a new guild with its first roles, channels and owner membership, atomically. */
  create(
    guild: GuildRecord,
    roles: RoleRecord[],
    channels: ChannelRecord[],
    owner: MemberRecord,
  ): Promise<void>;
  /** The guild, or null. */
  get(id: string): Promise<GuildRecord | null>;
  /** The guilds with these ids that exist. */
  getMany(ids: string[]): Promise<GuildRecord[]>;
  /** Applies the patch; null when the guild does not exist. */
  update(
    id: string,
    patch: Partial<Pick<GuildRecord, "name" | "icon">>,
  ): Promise<GuildRecord | null>;
  /** Deletes the guild with its roles, channels, members, bans and invites. */
  delete(id: string): Promise<void>;
  /** The guild's roles, by position. */
  listRoles(guildId: string): Promise<RoleRecord[]>;
  /** Stores a new role; `conflict` when its id is taken. */
  createRole(role: RoleRecord): Promise<void>;
  /** Applies the patch; null when the guild has no such role. */
  updateRole(
    guildId: string,
    roleId: string,
    patch: Partial<Pick<RoleRecord, "name" | "color" | "permissions">>,
  ): Promise<RoleRecord | null>;
  /**
   * Deletes the role; false when there was none. Members' `roleIds` keep
   * the id until the service sweeps them; permission checks ignore ids of
   * roles that do not exist, so a leftover id grants nothing.
   */
  deleteRole(guildId: string, roleId: string): Promise<boolean>;
  /**
   * Sets the positions of several roles at once (all or none); ids that
   * are not roles of the guild are skipped. Answers with the roles that
   * changed.
   */
  reorderRoles(
    guildId: string,
    positions: { id: string; position: number }[],
  ): Promise<RoleRecord[]>;
}
