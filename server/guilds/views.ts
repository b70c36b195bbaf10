/** Turns stored guilds, channels, members and invites into what the wire shows. */
import type {
  BanRecord,
  ChannelRecord,
  GuildRecord,
  InviteRecord,
  MemberRecord,
  RoleRecord,
} from "../store/port.ts";
import type {
  Channel,
  Guild,
  Invite,
  InvitePreview,
  Member,
  PresenceStatus,
  PublicUser,
  Role,
} from "../wire/types.ts";

/**
 * A ban as the owner sees it in `GET /guilds/:id/bans`.
 * (Not in wire/types.ts yet; the islands will want it there.)
 */
export interface Ban {
  user: PublicUser;
  reason: string | null;
  createdAt: string;
}

/** A channel; DMs pass the recipients the viewer sees (never the viewer). */
export function toChannel(c: ChannelRecord, recipients?: PublicUser[]): Channel {
  const channel: Channel = {
    id: c.id,
    type: c.type,
    guildId: c.guildId,
    name: c.name,
    topic: c.topic,
    position: c.position,
    lastMessageId: c.lastMessageId,
    createdAt: c.createdAt,
  };
  if (recipients) channel.recipients = recipients;
  return channel;
}

/** A role. */
export function toRole(r: RoleRecord): Role {
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    position: r.position,
    permissions: r.permissions,
  };
}

/** A guild with its channels (by position) and roles. */
export function toGuild(
  g: GuildRecord,
  channels: ChannelRecord[],
  roles: RoleRecord[],
  memberCount: number,
): Guild {
  return {
    id: g.id,
    name: g.name,
    ownerId: g.ownerId,
    icon: g.icon,
    createdAt: g.createdAt,
    channels: channels.map((c) => toChannel(c)),
    roles: roles.map(toRole),
    memberCount,
  };
}

/** A member with their public profile and presence. */
export function toMember(m: MemberRecord, user: PublicUser, status: PresenceStatus): Member {
  return {
    guildId: m.guildId,
    user,
    nick: m.nick,
    roleIds: m.roleIds,
    joinedAt: m.joinedAt,
    timeoutUntil: m.timeoutUntil,
    status,
  };
}

/** An invite as its creator sees it. */
export function toInvite(i: InviteRecord): Invite {
  return {
    code: i.code,
    guildId: i.guildId,
    inviterId: i.inviterId,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
  };
}

/** What anyone holding the code sees before joining. */
export function toInvitePreview(
  i: InviteRecord,
  g: GuildRecord,
  memberCount: number,
): InvitePreview {
  return {
    code: i.code,
    guild: { id: g.id, name: g.name, icon: g.icon },
    memberCount,
    expiresAt: i.expiresAt,
  };
}

/** A ban with the banned user's public profile. */
export function toBan(b: BanRecord, user: PublicUser): Ban {
  return { user, reason: b.reason, createdAt: b.createdAt };
}

/** Someone whose account is gone, so lists never break on a dangling id. */
export function deletedUser(id: string): PublicUser {
  return { id, username: "deleted", displayName: "Deleted user", avatar: null };
}
