/**
 * Permission bits as API.md numbers them. Plain constants with no runtime
 * dependencies, so the islands and the service worker may import them too.
 * Bitfields travel as decimal strings (`"permissions": "3"`).
 */

/** Every permission bit by name. */
export const Permission = {
  VIEW_CHANNEL: 1 << 0,
  SEND_MESSAGES: 1 << 1,
  MANAGE_MESSAGES: 1 << 2,
  MANAGE_CHANNELS: 1 << 3,
  MANAGE_GUILD: 1 << 4,
  MANAGE_ROLES: 1 << 5,
  KICK_MEMBERS: 1 << 6,
  BAN_MEMBERS: 1 << 7,
  MODERATE_MEMBERS: 1 << 8,
  CREATE_INVITE: 1 << 9,
  MENTION_EVERYONE: 1 << 10,
  ADD_REACTIONS: 1 << 11,
  ATTACH_FILES: 1 << 12,
  CONNECT: 1 << 13,
  SPEAK: 1 << 14,
  MUTE_MEMBERS: 1 << 15,
  ADMINISTRATOR: 1 << 16,
} as const;

/** The name of one permission bit. */
export type PermissionName = keyof typeof Permission;

/** Every bit set: what an owner or administrator effectively holds. */
export const ALL_PERMISSIONS: number = Object.values(Permission).reduce((a, b) => a | b, 0);

/**
 * What `@everyone` may do in a new guild: read, write, react, attach, talk
 * and invite. Moderation, management and `@everyone` pings are left to
 * roles the owner grants on purpose.
 */
export const DEFAULT_MEMBER_PERMISSIONS: number = Permission.VIEW_CHANNEL |
  Permission.SEND_MESSAGES |
  Permission.CREATE_INVITE |
  Permission.ADD_REACTIONS |
  Permission.ATTACH_FILES |
  Permission.CONNECT |
  Permission.SPEAK;

/** True when every bit of `flag` is set in `bits`. */
export function hasPermission(bits: number, flag: number): boolean {
  return (bits & flag) === flag;
}

/** A bitfield as the wire carries it: a decimal string. */
export function serializePermissions(bits: number): string {
  return String(bits >>> 0);
}

/** A bitfield from its decimal string; unknown bits are dropped, bad input reads as 0. */
export function parsePermissions(text: string): number {
  return /^\d{1,16}$/.test(text) ? Number(text) & ALL_PERMISSIONS : 0;
}
