/** Read states: where a user has read up to, and how many mentions wait after it. */
import type { MessageRecord, ReadStateRecord, Store } from "../store/port.ts";
import type { ReadState } from "../wire/types.ts";

/** Messages examined after the read marker when counting mentions. */
export const MENTION_SCAN_LIMIT = 1000;
const PAGE = 100;

/** Whether `m` mentions `userId` (their own messages never do). */
export function mentionsUser(m: MessageRecord, userId: string): boolean {
  return m.authorId !== userId && (m.mentionEveryone || m.mentions.includes(userId));
}

/**
 * How many messages of the channel after `afterId` mention the user,
 * examining at most {@link MENTION_SCAN_LIMIT} of them.
 */
export async function countMentionsAfter(
  store: Store,
  channelId: string,
  userId: string,
  afterId: string,
): Promise<number> {
  let count = 0;
  let after = afterId;
  for (let seen = 0; seen < MENTION_SCAN_LIMIT; seen += PAGE) {
    const page = await store.messages.list(channelId, { after, limit: PAGE });
    for (const m of page) if (mentionsUser(m, userId)) count++;
    if (page.length < PAGE) break;
    after = page[0].id; // pages come newest first
  }
  return count;
}

/** The newer of two ids (ids sort by time). */
export function newerId(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}

/** The wire read state. */
export function toReadState(r: ReadStateRecord): ReadState {
  return { channelId: r.channelId, lastReadId: r.lastReadId, mentionCount: r.mentionCount };
}
