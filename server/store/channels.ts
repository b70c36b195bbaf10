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
