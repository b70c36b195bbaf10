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
}
