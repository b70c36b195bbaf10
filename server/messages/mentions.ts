/**
 * `@username` and `@everyone` in message content: parsed here, resolved
 * against who can see the channel, so a mention never reaches (or reveals)
 * someone outside it.
 */
import { type ChannelAccess, channelPermissions } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { ChannelRecord, MemberRecord, Store } from "../store/port.ts";

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
 * see it (members who may view the channel, or the DM's participants).
 * `@everyone` takes effect only with MENTION_EVERYONE, and never in DMs.
 */
export async function resolveMentions(
  store: Store,
  access: ChannelAccess,
  content: string,
  now: number,
): Promise<ResolvedMentions> {
  const parsed = parseMentions(content);
  const { channel } = access;
  const found = await Promise.all(parsed.usernames.map(async (name) => {
    const user = await store.users.getByUsername(name);
    if (!user) return null;
    if (channel.guildId === null) return channel.recipientIds.includes(user.id) ? user.id : null;
    const member = await store.members.get(channel.guildId, user.id);
    return member && canView(access, member, now) ? user.id : null;
  }));
  return {
    mentions: [...new Set(found.filter((id): id is string => id !== null))],
    mentionEveryone: parsed.everyone && access.guild !== null &&
      (access.permissions & Permission.MENTION_EVERYONE) !== 0,
  };
}

/** Members fetched per page when `@everyone` needs each member's view checked. */
const PAGE = 1000;

/**
 * Who gets a mention counted for a new message: the mentioned users and,
 * for `@everyone`, every member who may view the channel; never the author.
 * A channel without overwrites that `@everyone` may view needs no member
 * records; otherwise every member is read, page by page.
 */
export async function mentionedUserIds(
  store: Store,
  access: ChannelAccess,
  authorId: string,
  resolved: ResolvedMentions,
  now: number,
): Promise<string[]> {
  const ids = new Set(resolved.mentions);
  const guildId = access.channel.guildId;
  if (resolved.mentionEveryone && guildId) {
    if (openToEveryone(access)) {
      for (const id of await store.members.listUserIds(guildId)) ids.add(id);
    } else {
      for (let after: string | null = null;;) {
        const page: MemberRecord[] = await store.members.list(guildId, after, PAGE);
        for (const m of page) if (canView(access, m, now)) ids.add(m.userId);
        if (page.length < PAGE) break;
        after = page[page.length - 1].userId;
      }
    }
  }
  ids.delete(authorId);
  return [...ids];
}

function canView(access: ChannelAccess, member: MemberRecord, now: number): boolean {
  const { guild, roles, channel } = access;
  if (!guild) return false;
  return (channelPermissions(guild, member, roles, channel as ChannelRecord, now) &
    Permission.VIEW_CHANNEL) !== 0;
}

/** True when the channel has no overwrites and `@everyone` may view it. */
function openToEveryone(access: ChannelAccess): boolean {
  const everyone = access.roles.find((r) => r.id === access.guild?.id);
  const bits = everyone ? Number(everyone.permissions) : 0;
  return (access.channel.overwrites ?? []).length === 0 &&
    (bits & (Permission.VIEW_CHANNEL | Permission.ADMINISTRATOR)) !== 0;
}
