/** Guild message search: query words, filters, and what the searcher may see. */
import { AppError, notFound } from "../errors.ts";
import { guildAccess, visibleChannels } from "../permissions/access.ts";
import type { Store } from "../store/port.ts";
import type { SearchResult } from "../wire/types.ts";
import { hydrate } from "./views.ts";
import { MAX_QUERY_WORDS, MIN_WORD_LENGTH, tokenize } from "./words.ts";

/** A search as the route passes it. */
export interface SearchInput {
  q: string;
  channelId?: string;
  authorId?: string;
  limit: number;
}

/** The query's words, or `validation_failed` when it has none or too many. */
export function queryWords(q: string): string[] {
  const words = tokenize(q, Infinity);
  if (words.length === 0) {
    throw new AppError("validation_failed", "Search needs a word", {
      detail: `q must hold a word of at least ${MIN_WORD_LENGTH} letters or digits: got "${q}"`,
      errors: [{ path: "q", message: "must hold a word" }],
    });
  }
  if (words.length > MAX_QUERY_WORDS) {
    throw new AppError("validation_failed", "Search has too many words", {
      detail: `q may hold at most ${MAX_QUERY_WORDS} different words: got ${words.length}`,
      errors: [{ path: "q", message: `at most ${MAX_QUERY_WORDS} words` }],
    });
  }
  return words;
}

/**
 * Messages of the guild holding every word of `q`, newest first, for a
 * member: only in channels they may view now (deleted channels' messages
 * and hidden ones count neither in the page nor in `total`).
 */
export async function searchGuild(
  store: Store,
  userId: string,
  guildId: string,
  input: SearchInput,
  now: number,
): Promise<SearchResult> {
  const { guild, member, roles } = await guildAccess(store, userId, guildId, now);
  const words = queryWords(input.q);
  const channels = await store.channels.listByGuild(guildId);
  const live = new Set(visibleChannels(guild, member, roles, channels, now).map((c) => c.id));
  if (input.channelId !== undefined && !live.has(input.channelId)) {
    throw notFound("Channel", `guild ${guildId} has no channel ${input.channelId}`);
  }
  const found = await store.messages.search({
    guildId,
    words,
    channelId: input.channelId,
    channelIds: [...live],
    authorId: input.authorId,
    limit: input.limit,
  });
  return { total: found.total, messages: await hydrate(store, found.messages, userId) };
}
