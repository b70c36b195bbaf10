/** The message endpoints: history, sending, edits, reactions, pins, typing, read markers, search. */
import type { Message, ReadState, SearchResult } from "../../server/wire/types.ts";
import { request } from "./api.ts";

/** What a message send carries; `nonce` makes retries idempotent on the server. */
export interface OutgoingMessage {
  content: string;
  nonce: string;
  replyToId?: string;
}

/** A page of history, newest first as the server sends it. */
export function fetchMessages(
  channelId: string,
  page: { before?: string; after?: string; limit?: number } = {},
): Promise<Message[]> {
  const query = new URLSearchParams();
  if (page.before) query.set("before", page.before);
  if (page.after) query.set("after", page.after);
  query.set("limit", String(page.limit ?? 50));
  return request<Message[]>("GET", `/channels/${channelId}/messages?${query}`);
}

/** Posts a message (or a `/w user text` whisper, answered with the DM message). */
export function postMessage(channelId: string, message: OutgoingMessage): Promise<Message> {
  const body: Record<string, string> = { content: message.content, nonce: message.nonce };
  if (message.replyToId) body.replyToId = message.replyToId;
  return request<Message>("POST", `/channels/${channelId}/messages`, { body });
}

/** Replaces the text of one's own message. */
export function patchMessage(channelId: string, messageId: string, content: string) {
  return request<Message>("PATCH", `/channels/${channelId}/messages/${messageId}`, {
    body: { content },
  });
}

/** Deletes a message. */
export function removeMessage(channelId: string, messageId: string): Promise<void> {
  return request<void>("DELETE", `/channels/${channelId}/messages/${messageId}`);
}

/** Adds (`add`) or takes back the viewer's reaction. */
export function putReaction(channelId: string, messageId: string, emoji: string, add: boolean) {
  const path = `/channels/${channelId}/messages/${messageId}/reactions/` +
    `${encodeURIComponent(emoji)}/@me`;
  return request<void>(add ? "PUT" : "DELETE", path);
}

/** Pins or unpins a message. */
export function putPin(channelId: string, messageId: string, pinned: boolean): Promise<void> {
  return request<void>(pinned ? "PUT" : "DELETE", `/channels/${channelId}/pins/${messageId}`);
}

/** The channel's pinned messages, newest first. */
export function fetchPins(channelId: string): Promise<Message[]> {
  return request<Message[]>("GET", `/channels/${channelId}/pins`);
}

/** Tells the channel the viewer is typing. */
export function postTyping(channelId: string): Promise<void> {
  return request<void>("POST", `/channels/${channelId}/typing`);
}

/** Marks the channel read up to `messageId`. */
export function postAck(channelId: string, messageId: string): Promise<ReadState | undefined> {
  return request<ReadState | undefined>("POST", `/channels/${channelId}/ack`, {
    body: { messageId },
  });
}

/** Searches a guild's messages (every word must match). */
export function searchMessages(
  guildId: string,
  q: string,
  filters: { channelId?: string; authorId?: string; limit?: number } = {},
): Promise<SearchResult> {
  const query = new URLSearchParams({ q });
  if (filters.channelId) query.set("channelId", filters.channelId);
  if (filters.authorId) query.set("authorId", filters.authorId);
  if (filters.limit) query.set("limit", String(filters.limit));
  return request<SearchResult>("GET", `/guilds/${guildId}/messages/search?${query}`);
}
