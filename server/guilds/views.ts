/** Turns stored guilds, channels, members and invites into what the wire shows. */
import type {
  BanRecord,
  ChannelRecord,
  GuildRecord,
  InviteRecord,
  MemberRecord,
  RoleRecord,
} from "../store/port.ts";
import { serializePermissions } from "../permissions/bits.ts";
import type {
  Ban,
  Channel,
  Guild,
  Invite,
  InvitePreview,
  Member,
  PresenceStatus,
  PublicUser,
  Role,
} from "../wire/types.ts";

export type { Ban } from "../wire/types.ts";

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
  if (c.guildId !== null) {
    channel.overwrites = (c.overwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow,
      deny: o.deny,
    }));
  }
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

/**
 * A guild with its channels (by position: only those the viewer may see)
 * and roles, and the viewer's guild-level `permissions`.
 */
export function toGuild(
  g: GuildRecord,
  channels: ChannelRecord[],
  roles: RoleRecord[],
  memberCount: number,
  permissions: number,
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
    permissions: serializePermissions(permissions),
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
