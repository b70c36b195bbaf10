/** A stored channel: a guild text/voice channel, or a DM between two users. */
export interface ChannelRecord {
  id: string;
  type: "text" | "voice" | "dm";
  /** Null for DMs. */
  guildId: string | null;
  name: string;
  topic: string | null;
  position: number;
  /** The two participants of a DM, sorted; empty for guild channels. */
  recipientIds: string[];
  lastMessageId: string | null;
  createdAt: string;
  /**
   * Permission overwrites of a guild channel. Absent (records stored before
   * roles arrived, and DMs) reads as none.
   */
  overwrites?: ChannelOverwrite[];
}

/** A channel's allow/deny for a role or a member; bitfields as decimal strings. */
export interface ChannelOverwrite {
  /** A role id (the guild id for `@everyone`) or a user id. */
  id: string;
  type: "role" | "member";
  allow: string;
  deny: string;
}

/** Guild channels and DM channels. */
export interface ChannelRepo {
  /** Stores a new guild channel. */
  create(channel: ChannelRecord): Promise<void>;
  /** The channel, or null. */
  get(id: string): Promise<ChannelRecord | null>;
  /** A guild's channels, by position then id. */
  listByGuild(guildId: string): Promise<ChannelRecord[]>;
  /** Applies the patch; null when the channel does not exist. */
  update(
    id: string,
    patch: Partial<Pick<ChannelRecord, "name" | "topic" | "position">>,
  ): Promise<ChannelRecord | null>;
  /** Deletes a channel (its messages become unreachable). */
  delete(id: string): Promise<void>;
  /**
   * Sets (adds or replaces, by target id) one overwrite; the updated
   * channel, or null when the channel does not exist.
   */
  setOverwrite(id: string, overwrite: ChannelOverwrite): Promise<ChannelRecord | null>;
  /** Removes the overwrite of `targetId` if any; the updated channel, or null when none exists. */
  deleteOverwrite(id: string, targetId: string): Promise<ChannelRecord | null>;
  /** Raises `lastMessageId` to `messageId` if that is newer. */
  bumpLastMessage(id: string, messageId: string): Promise<void>;
  /**
   * The DM channel of this pair of users; when there is none, stores
   * `make()` (whose recipientIds are the sorted pair). One per pair, even
   * under concurrent calls.
   */
  getOrCreateDm(userA: string, userB: string, make: () => ChannelRecord): Promise<ChannelRecord>;
  /** The DM channels a user takes part in. */
  listDms(userId: string): Promise<ChannelRecord[]>;
}
