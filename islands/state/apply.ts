/**
 * Applies what the server says — the gateway's `ready` and dispatches, and
 * REST answers — to the signals and the offline cache. Each function is one
 * kind of change; `live.ts` routes gateway events here.
 */
import type {
  Channel,
  Guild,
  Member,
  Message,
  Presence,
  ReadState,
  ReadyPayload,
  Relationship,
  Role,
  User,
} from "../../server/wire/types.ts";
import {
  forgetChannel,
  forgetGuild,
  saveChannels,
  saveDm,
  saveGuild,
  saveReadStates,
  saveRelationships,
  saveUser,
  saveUsers,
} from "../db/cache.ts";
import { applyReadState } from "./readstate.ts";
import {
  dmsSig,
  guildsSig,
  membersSig,
  meSig,
  presencesSig,
  readStatesSig,
  relationshipsSig,
  rememberUsers,
  usersSig,
  withEntry,
  withoutEntry,
} from "./store.ts";
import { isNewer } from "./timeline.ts";

/** Replaces the world with a `ready` payload and snapshots it for offline starts. */
export function applyReady(payload: ReadyPayload): void {
  applyUser(payload.user);
  guildsSig.value = new Map(payload.guilds.map((g) => [g.id, g]));
  dmsSig.value = sortDms(payload.dms);
  relationshipsSig.value = new Map(payload.relationships.map((r) => [r.user.id, r]));
  const states = new Map(readStatesSig.peek());
  for (const state of payload.readStates) states.set(state.channelId, state);
  readStatesSig.value = states;
  const presences = new Map(payload.presences.map((p) => [p.userId, p.status]));
  // Others learn of our presence from the server; our own copy starts online.
  if (!presences.has(payload.user.id)) presences.set(payload.user.id, "online");
  presencesSig.value = presences;
  const people = [
    ...payload.dms.flatMap((c) => c.recipients ?? []),
    ...payload.relationships.map((r) => r.user),
  ];
  rememberUsers(people);
  void saveChannels(payload.guilds, payload.dms);
  void saveRelationships(payload.relationships);
  void saveReadStates(payload.readStates);
  void saveUsers([...usersSig.peek().values()]);
}

/** The logged-in user changed (or was loaded). */
export function applyUser(user: User): void {
  meSig.value = user;
  void saveUser(user);
}

/** A guild was created, joined or updated. */
export function applyGuild(guild: Guild): void {
  const previous = guildsSig.peek().get(guild.id);
  const merged = previous && guild.channels.length === 0
    ? { ...guild, channels: previous.channels }
    : guild;
  guildsSig.value = withEntry(guildsSig.peek(), guild.id, merged);
  void saveGuild(merged);
}

/** A guild was deleted or the viewer left it. */
export function removeGuild(guildId: string): void {
  const guild = guildsSig.peek().get(guildId);
  if (!guild) return;
  guildsSig.value = withoutEntry(guildsSig.peek(), guildId);
  membersSig.value = withoutEntry(membersSig.peek(), guildId);
  void forgetGuild(guildId, guild.channels.map((c) => c.id));
}

/** A channel was created or updated (guild channel or DM). */
export function applyChannel(channel: Channel): void {
  if (channel.guildId === null) {
    rememberUsers(channel.recipients ?? []);
    const others = dmsSig.peek().filter((c) => c.id !== channel.id);
    dmsSig.value = sortDms([...others, channel]);
    void saveDm(channel);
    return;
  }
  const guild = guildsSig.peek().get(channel.guildId);
  if (!guild) return;
  const channels = guild.channels.filter((c) => c.id !== channel.id);
  channels.push(channel);
  channels.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  applyGuild({ ...guild, channels });
}

/** A channel was deleted. */
export function removeChannel(channel: Pick<Channel, "id" | "guildId">): void {
  if (channel.guildId) {
    const guild = guildsSig.peek().get(channel.guildId);
    if (guild) {
      applyGuild({
        ...guild,
        channels: guild.channels.filter((c) => c.id !== channel.id),
      });
    }
  } else {
    dmsSig.value = dmsSig.peek().filter((c) => c.id !== channel.id);
  }
  void forgetChannel(channel.id);
}

/** A new message moves its channel's `lastMessageId` (unread badges, DM order). */
export function bumpChannel(message: Message): void {
  const own = message.author.id === meSig.peek()?.id;
  if (message.guildId) {
    const guild = guildsSig.peek().get(message.guildId);
    const channel = guild?.channels.find((c) => c.id === message.channelId);
    if (guild && channel && isNewer(message.id, channel.lastMessageId)) {
      applyGuild({
        ...guild,
        channels: guild.channels.map((
          c,
        ) => (c.id === channel.id ? { ...c, lastMessageId: message.id } : c)),
      });
    }
  } else {
    const dm = dmsSig.peek().find((c) => c.id === message.channelId);
    if (dm && isNewer(message.id, dm.lastMessageId)) {
      applyChannel({ ...dm, lastMessageId: message.id });
    }
  }
  // One's own message is read by definition.
  if (own) {
    applyReadState({ channelId: message.channelId, lastReadId: message.id, mentionCount: 0 });
  }
}

/** Counts a new message mentioning the viewer into the channel's read state. */
export function countMention(message: Message): void {
  const self = meSig.peek()?.id;
  if (!self || message.author.id === self) return;
  if (!message.mentions.includes(self) && !message.mentionEveryone) return;
  const current: ReadState = readStatesSig.peek().get(message.channelId) ??
    { channelId: message.channelId, lastReadId: null, mentionCount: 0 };
  readStatesSig.value = withEntry(readStatesSig.peek(), message.channelId, {
    ...current,
    mentionCount: current.mentionCount + 1,
  });
}

/** A member joined or changed. */
export function applyMember(member: Member): void {
  rememberUsers([member.user]);
  const list = membersSig.peek().get(member.guildId);
  if (list) {
    const next = list.filter((m) => m.user.id !== member.user.id);
    next.push(member);
    membersSig.value = withEntry(membersSig.peek(), member.guildId, next);
  }
  const guild = guildsSig.peek().get(member.guildId);
  if (guild && !list?.some((m) => m.user.id === member.user.id)) {
    applyGuild({ ...guild, memberCount: guild.memberCount + 1 });
  }
}

/** A member changed (roles, timeout, nick): replaces the loaded copy, never counts a join. */
export function updateMember(member: Member): void {
  rememberUsers([member.user]);
  const list = membersSig.peek().get(member.guildId);
  if (!list) return;
  const next = list.filter((m) => m.user.id !== member.user.id);
  next.push(member);
  membersSig.value = withEntry(membersSig.peek(), member.guildId, next);
}

/** A role was created or edited. */
export function applyRole(guildId: string, role: Role): void {
  const guild = guildsSig.peek().get(guildId);
  if (!guild) return;
  applyGuild({ ...guild, roles: [...guild.roles.filter((r) => r.id !== role.id), role] });
}

/** A role was deleted: the guild and every loaded member lose it. */
export function removeRole(guildId: string, roleId: string): void {
  const guild = guildsSig.peek().get(guildId);
  if (guild) applyGuild({ ...guild, roles: guild.roles.filter((r) => r.id !== roleId) });
  const list = membersSig.peek().get(guildId);
  if (list?.some((m) => m.roleIds.includes(roleId))) {
    const next = list.map((m) =>
      m.roleIds.includes(roleId) ? { ...m, roleIds: m.roleIds.filter((id) => id !== roleId) } : m
    );
    membersSig.value = withEntry(membersSig.peek(), guildId, next);
  }
}

/** A member left or was removed. */
export function removeMember(guildId: string, userId: string): void {
  const list = membersSig.peek().get(guildId);
  if (list) {
    membersSig.value = withEntry(
      membersSig.peek(),
      guildId,
      list.filter((m) => m.user.id !== userId),
    );
  }
  const guild = guildsSig.peek().get(guildId);
  if (guild) applyGuild({ ...guild, memberCount: Math.max(0, guild.memberCount - 1) });
}

/** A relationship appeared or changed. */
export function applyRelationship(relationship: Relationship): void {
  rememberUsers([relationship.user]);
  relationshipsSig.value = withEntry(relationshipsSig.peek(), relationship.user.id, relationship);
  void saveRelationships([...relationshipsSig.peek().values()]);
}

/** A relationship ended. */
export function removeRelationshipOf(userId: string): void {
  relationshipsSig.value = withoutEntry(relationshipsSig.peek(), userId);
  void saveRelationships([...relationshipsSig.peek().values()]);
}

/** Someone's presence changed. */
export function applyPresence(presence: Presence): void {
  presencesSig.value = withEntry(presencesSig.peek(), presence.userId, presence.status);
}

function sortDms(dms: readonly Channel[]): Channel[] {
  const key = (c: Channel) => c.lastMessageId ?? c.id;
  return [...dms].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}
