/**
 * The search tokenizer, shared by the message stores (which index words)
 * and the search service (which splits queries): one definition, so a
 * word found in a message is always found by a query for it.
 */

/** Words shorter than this are neither indexed nor searched. */
export const MIN_WORD_LENGTH = 2;
/** Longer words are cut to this many characters, keeping index keys small. */
export const MAX_WORD_LENGTH = 64;
/**
 * Distinct words indexed per message: bounds the index writes of one
 * message (and of an edit, which removes and adds) under KV's limit of
 * 1000 mutations per atomic operation.
 */
export const MAX_INDEXED_WORDS = 400;
/** A query may hold at most this many distinct words. */
export const MAX_QUERY_WORDS = 10;

const SEPARATOR = /[^\p{L}\p{N}]+/u;

/**
 * The distinct lower-case Unicode letter/digit runs of `text` that are at
 * least {@link MIN_WORD_LENGTH} long, in order of first appearance, each cut
 * to {@link MAX_WORD_LENGTH}, at most `max` of them.
 */
export function tokenize(text: string, max = MAX_INDEXED_WORDS): string[] {
  const seen = new Set<string>();
  for (const raw of text.normalize("NFC").toLowerCase().split(SEPARATOR)) {
    if (seen.size >= max) break;
    // Lengths count code points; a run's UTF-16 length bounds its code
    // points (n units hold n down to ⌈n/2⌉ of them), so they are counted
    // only when that bound cannot decide.
    const word = raw.length > MAX_WORD_LENGTH ? cut(raw) : raw;
    if (word.length >= 2 * MIN_WORD_LENGTH - 1) seen.add(word);
    else if (word.length >= MIN_WORD_LENGTH && [...word].length >= MIN_WORD_LENGTH) seen.add(word);
  }
  return [...seen];
}

/** The first {@link MAX_WORD_LENGTH} code points of `word`. */
function cut(word: string): string {
  return [...word].slice(0, MAX_WORD_LENGTH).join("");
}

/** The words a message's content is indexed under. */
export function indexWords(content: string): string[] {
  return tokenize(content, MAX_INDEXED_WORDS);
}
