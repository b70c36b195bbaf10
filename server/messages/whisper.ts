/** `/w <username> <text>`: a message in any channel that becomes a DM. */

/** A whisper as typed: the recipient's name and the text (both maybe empty). */
export interface Whisper {
  username: string;
  text: string;
}

/**
 * The whisper in `content` (already trimmed), or null when it is an
 * ordinary message. `/w` must be followed by whitespace or end the content;
 * the username may carry an `@`.
 */
export function parseWhisper(content: string): Whisper | null {
  if (!/^\/w(?:\s|$)/.test(content)) return null;
  const match = /^@?(\S+)\s*([\s\S]*)$/.exec(content.slice(2).trimStart());
  return {
    username: match ? match[1].toLowerCase() : "",
    text: match ? match[2].trim() : "",
  };
}
