/** Where a user has read up to in one channel. */
export interface ReadStateRecord {
  userId: string;
  channelId: string;
  lastReadId: string | null;
  mentionCount: number;
}

/** Read states, per user and channel. */
export interface ReadStateRepo {
  /** The read state, or null when the user never read the channel. */
  get(userId: string, channelId: string): Promise<ReadStateRecord | null>;
  /** Every read state of the user. */
  list(userId: string): Promise<ReadStateRecord[]>;
  /** Stores the read state (replaces). */
  set(state: ReadStateRecord): Promise<void>;
  /** Adds one mention in the channel for each of these users. */
  incrementMentions(channelId: string, userIds: string[]): Promise<void>;
}
