/**
 * Read markers: which channels have unread messages and how many mentions,
 * and acknowledging a channel once its newest message was seen.
 */
import { computed } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";
import type { ReadState } from "../../server/wire/types.ts";
import { postAck } from "../net/messages.ts";
import { saveReadState } from "../db/cache.ts";
import { dmsSig, findChannel, guildsSig, readStatesSig, withEntry } from "./store.ts";
import { isNewer, isUnread } from "./timeline.ts";

/** Read states by channel id. */
export const readStates: ReadonlySignal<ReadonlyMap<string, ReadState>> = readStatesSig;

/** Unread flag and mention count of one channel or guild. */
export interface UnreadInfo {
  unread: boolean;
  mentions: number;
}

/** Whether a channel has unread messages and how many mention the viewer (reactive). */
export function unreadOf(channelId: string): UnreadInfo {
  const state = readStatesSig.value.get(channelId);
  const channel = channelOf(channelId);
  if (!channel || channel.type === "voice") return { unread: false, mentions: 0 };
  return {
    unread: isUnread(channel.lastMessageId, state?.lastReadId ?? null),
    mentions: state?.mentionCount ?? 0,
  };
}

/** Unread and mentions summed over a guild's text channels (reactive). */
export function guildUnread(guildId: string): UnreadInfo {
  const guild = guildsSig.value.get(guildId);
  let unread = false;
  let mentions = 0;
  for (const channel of guild?.channels ?? []) {
    const info = unreadOf(channel.id);
    unread ||= info.unread;
    mentions += info.mentions;
  }
  return { unread, mentions };
}

/** Mentions over all DMs, for the home button's badge. */
export const dmMentions: ReadonlySignal<number> = computed(() => {
  let sum = 0;
  for (const dm of dmsSig.value) sum += readStatesSig.value.get(dm.id)?.mentionCount ?? 0;
  return sum;
});

/**
 * Marks a channel read up to `messageId` (default: its newest message).
 * Call it while the channel is shown scrolled to the bottom; it does nothing
 * when already read that far, and is best-effort offline.
 */
export async function ack(channelId: string, messageId?: string): Promise<void> {
  const channel = findChannel(channelId);
  const target = messageId ?? channel?.lastMessageId ?? null;
  if (!target || target.length > 64) return;
  const current = readStatesSig.peek().get(channelId);
  if (current && !isNewer(target, current.lastReadId) && current.mentionCount === 0) return;
  const optimistic: ReadState = { channelId, lastReadId: target, mentionCount: 0 };
  applyReadState(optimistic);
  try {
    const confirmed = await postAck(channelId, target);
    if (confirmed) applyReadState(confirmed);
  } catch {
    // Offline or the message vanished: the marker is kept locally and the server's wins later.
  }
}

/** Stores a read state unless it would move the marker backwards (internal). */
export function applyReadState(state: ReadState): void {
  const current = readStatesSig.peek().get(state.channelId);
  if (current && isNewer(current.lastReadId, state.lastReadId)) return;
  readStatesSig.value = withEntry(readStatesSig.peek(), state.channelId, state);
  void saveReadState(state);
}

/**
 * Whether the channel is read to its end (its notifications may close);
 * null while the channel itself is not loaded, when nothing is known yet.
 */
export function readToEnd(channelId: string): boolean | null {
  return channelOf(channelId) ? !unreadOf(channelId).unread : null;
}

function channelOf(channelId: string) {
  for (const guild of guildsSig.value.values()) {
    const found = guild.channels.find((c) => c.id === channelId);
    if (found) return found;
  }
  return dmsSig.value.find((c) => c.id === channelId) ?? null;
}
