/** Who may join which voice channel, and what they may do there. */
import { AppError } from "../errors.ts";
import { viewableChannel } from "../permissions/access.ts";
import {
  ALL_PERMISSIONS,
  hasPermission,
  parsePermissions,
  Permission,
} from "../permissions/bits.ts";
import type { ChannelRecord, Store } from "../store/port.ts";

/** A voice channel the user may connect to, with what they may do in it. */
export interface VoiceAccess {
  channel: ChannelRecord;
  guildId: string;
  /** SPEAK, and not timed out. */
  canSpeak: boolean;
}

/**
 * The voice channel if the user may connect: `not_found` when they may not
 * see it, `validation_failed` for a text or DM channel, `forbidden`
 * without CONNECT. The owner and administrators hold every bit.
 */
export async function voiceAccess(
  store: Store,
  userId: string,
  channelId: string,
  nowMs: number,
): Promise<VoiceAccess> {
  const { channel, guild, member, isOwner } = await viewableChannel(store, userId, channelId);
  if (channel.type !== "voice" || !guild || !member) {
    const kind = channel.type === "dm" ? "direct message" : "text";
    throw new AppError("validation_failed", `Cannot join a ${kind} channel`, {
      detail: `channel ${channelId} is a ${kind} channel; only voice channels hold calls`,
    });
  }
  let bits = ALL_PERMISSIONS;
  if (!isOwner) {
    const roles = await store.guilds.listRoles(guild.id);
    bits = roles.filter((r) => r.id === guild.id || member.roleIds.includes(r.id))
      .reduce((acc, r) => acc | parsePermissions(r.permissions), 0);
    if (hasPermission(bits, Permission.ADMINISTRATOR)) bits = ALL_PERMISSIONS;
  }
  if (!hasPermission(bits, Permission.CONNECT)) {
    throw new AppError("forbidden", "Cannot join voice channel without the Connect permission", {
      detail: `your roles in "${guild.name}" do not grant CONNECT`,
    });
  }
  const timedOut = member.timeoutUntil !== null && Date.parse(member.timeoutUntil) > nowMs;
  return {
    channel,
    guildId: guild.id,
    canSpeak: hasPermission(bits, Permission.SPEAK) && !timedOut,
  };
}
