/**
 * `@username` and `@everyone` in message content: parsed here, resolved
 * against who can see the channel, so a mention never reaches (or reveals)
 * someone outside it.
 */
import type { ChannelAccess } from "../permissions/access.ts";
import type { Store } from "../store/port.ts";

/** Distinct `@name` tokens looked up per message at most; the rest stay plain text. */
export const MAX_MENTIONS = 20;

/** A mention starts after anything but a word character, a dot or another `@`. */
const MENTION = /(?<![\p{L}\p{N}_.@])@([a-z0-9_.]{2,32})/giu;

/** What a content mentions, before looking anyone up. */
export interface ParsedMentions {
  /** Lower-case candidate usernames, at most {@link MAX_MENTIONS}. */
  usernames: string[];
  everyone: boolean;
}

/**
 * The `@name` tokens of `content`. A token ending in dots is also tried
 * without them, since `@alice.` usually ends a sentence. `@everyone` is
 * always the everyone mention, never a user called "everyone".
 */
export function parseMentions(content: string): ParsedMentions {
  const names = new Set<string>();
  let everyone = false;
  for (const match of content.matchAll(MENTION)) {
    const name = match[1].toLowerCase();
    if (name === "everyone") {
      everyone = true;
      continue;
    }
    const trimmed = name.replace(/\.+$/, "");
    for (const candidate of [name, trimmed]) {
      if (candidate.length >= 2 && names.size < MAX_MENTIONS) names.add(candidate);
    }
  }
  return { usernames: [...names], everyone };
}

/** The resolved mentions stored on a message. */
export interface ResolvedMentions {
  /** Ids of mentioned users who can see the channel, in order of appearance. */
  mentions: string[];
  mentionEveryone: boolean;
}

/**
 * Resolves the mentions of `content` in a channel: users who exist and can
 * see it (guild members, or the DM's participants). `@everyone` counts only
 * from the guild's owner (until roles grant MENTION_EVERYONE) and never in DMs.
 */
export async function resolveMentions(
  store: Store,
  access: ChannelAccess,
  content: string,
): Promise<ResolvedMentions> {
  const parsed = parseMentions(content);
  const { channel } = access;
  const found = await Promise.all(parsed.usernames.map(async (name) => {
    const user = await store.users.getByUsername(name);
    if (!user) return null;
    if (channel.guildId === null) return channel.recipientIds.includes(user.id) ? user.id : null;
    return (await store.members.get(channel.guildId, user.id)) ? user.id : null;
  }));
  return {
    mentions: [...new Set(found.filter((id): id is string => id !== null))],
    mentionEveryone: parsed.everyone && access.isOwner,
  };
}

/**
 * Who gets a mention counted for a new message: the mentioned users and,
 * for `@everyone`, every member of the guild; never the author.
 */
export async function mentionedUserIds(
  store: Store,
  guildId: string | null,
  authorId: string,
  resolved: ResolvedMentions,
): Promise<string[]> {
  const ids = new Set(resolved.mentions);
  if (resolved.mentionEveryone && guildId) {
    for (const id of await store.members.listUserIds(guildId)) ids.add(id);
  }
  ids.delete(authorId);
  return [...ids];
}
