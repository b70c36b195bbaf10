import type { ChannelRecord } from "./channels.ts";

/** A stored message. Reactions are kept as emoji → user ids. */
export interface MessageRecord {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  content: string;
  nonce: string;
  replyToId: string | null;
  mentions: string[];
  mentionEveryone: boolean;
  attachments: {
    id: string;
    filename: string;
    size: number;
    contentType: string;
    url: string;
  }[];
  reactions: Record<string, string[]>;
  pinned: boolean;
  editedAt: string | null;
  createdAt: string;
}

/** Paging of a channel's history. */
export interface HistoryQuery {
  /** Only ids strictly before this one. */
  before?: string;
  /** Only ids strictly after this one. */
  after?: string;
  limit: number;
}

/** Search within a guild. */
export interface SearchQuery {
  guildId: string;
  /** Lower-case words that must all occur. */
  words: string[];
  channelId?: string;
  /** Only messages of these channels (the ones the searcher may view); all when absent. */
  channelIds?: string[];
  authorId?: string;
  limit: number;
}

/** Messages, with the nonce index and the search index kept in step. */
export interface MessageRepo {
  /**
   * Stores a message unless the author already sent one with this nonce;
   * returns the stored one either way. A stored message also raises its
   * channel's `lastMessageId` (never lowers it). `channel` is the message's
   * channel as the caller read it: an adapter may start from it instead of
   * reading it again, as long as it makes sure it has not changed since.
   */
  create(
    message: MessageRecord,
    channel?: ChannelRecord,
  ): Promise<{ created: boolean; message: MessageRecord }>;
  /** The message in that channel, or null. */
  get(channelId: string, id: string): Promise<MessageRecord | null>;
  /**
   * Newest first. With `after` only: the oldest `limit` after it (still
   * returned newest first).
   */
  list(channelId: string, query: HistoryQuery): Promise<MessageRecord[]>;
  /** Applies the patch; null when the message does not exist. */
  update(
    channelId: string,
    id: string,
    patch: Partial<
      Pick<MessageRecord, "content" | "mentions" | "mentionEveryone" | "editedAt" | "pinned">
    >,
  ): Promise<MessageRecord | null>;
  /** Deletes it (and its index entries); false when it did not exist. */
  delete(channelId: string, id: string): Promise<boolean>;
  /** Adds the user's reaction; null when the message does not exist, else whether it changed. */
  addReaction(
    channelId: string,
    id: string,
    emoji: string,
    userId: string,
  ): Promise<boolean | null>;
  /** Removes the user's reaction; null when the message does not exist, else whether it changed. */
  removeReaction(
    channelId: string,
    id: string,
    emoji: string,
    userId: string,
  ): Promise<boolean | null>;
  /**
   * Deletes up to `max` of the channel's messages, oldest first, with
   * their nonces, pins and search postings; how many it deleted (fewer
   * than `max` once the channel is empty). For a deleted channel: its
   * messages go in bounded steps, however many there are.
   */
  purgeChannel(channelId: string, max: number): Promise<number>;
  /** Pinned messages of a channel, newest first. */
  listPinned(channelId: string): Promise<MessageRecord[]>;
  /** Messages containing every word, newest first, and how many match in all. */
  search(query: SearchQuery): Promise<{ total: number; messages: MessageRecord[] }>;
}
