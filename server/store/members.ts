/** A user's membership in a guild. */
export interface MemberRecord {
  guildId: string;
  userId: string;
  nick: string | null;
  roleIds: string[];
  joinedAt: string;
  timeoutUntil: string | null;
}

/** A ban: the user is not a member and cannot rejoin. */
export interface BanRecord {
  guildId: string;
  userId: string;
  reason: string | null;
  moderatorId: string;
  createdAt: string;
}

/** Guild memberships and bans. */
export interface MemberRepo {
  /** Adds a member; false (and no change) when already a member. */
  add(member: MemberRecord): Promise<boolean>;
  /** The membership, or null. */
  get(guildId: string, userId: string): Promise<MemberRecord | null>;
  /** Members ordered by user id, after `after`, at most `limit`. */
  list(guildId: string, after: string | null, limit: number): Promise<MemberRecord[]>;
  /** Every member's user id (for fan-out and presence). */
  listUserIds(guildId: string): Promise<string[]>;
  /** The guilds a user belongs to. */
  listGuildIdsOfUser(userId: string): Promise<string[]>;
  /** How many members the guild has. */
  count(guildId: string): Promise<number>;
  /** Applies the patch; null when not a member. */
  update(
    guildId: string,
    userId: string,
    patch: Partial<Pick<MemberRecord, "nick" | "roleIds" | "timeoutUntil">>,
  ): Promise<MemberRecord | null>;
  /** Removes the membership; false when there was none. */
  remove(guildId: string, userId: string): Promise<boolean>;
  /** Bans the user and removes their membership, atomically. */
  ban(ban: BanRecord): Promise<void>;
  /** Lifts a ban; false when there was none. */
  unban(guildId: string, userId: string): Promise<boolean>;
  /** The ban, or null. */
  getBan(guildId: string, userId: string): Promise<BanRecord | null>;
  /** A guild's bans. */
  listBans(guildId: string): Promise<BanRecord[]>;
}
