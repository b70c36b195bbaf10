/** Who may join which voice channel, and what they may do there. */
import { AppError } from "../errors.ts";
import { requirePermission, viewableChannel } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { ChannelRecord, Store } from "../store/port.ts";

/** A voice channel the user may connect to, with what they may do in it. */
export interface VoiceAccess {
  channel: ChannelRecord;
  guildId: string;
  /** SPEAK in this channel, and not timed out. */
  canSpeak: boolean;
}

/**
 * The voice channel if the user may connect: `not_found` when they may not
 * see it, `validation_failed` for a text or DM channel, `forbidden`
 * without CONNECT there. Speaking needs SPEAK, which a timeout takes away.
 */
export async function voiceAccess(
  store: Store,
  userId: string,
  channelId: string,
  nowMs: number,
): Promise<VoiceAccess> {
  const access = await viewableChannel(store, userId, channelId, nowMs);
  const { channel, guild, member } = access;
  if (channel.type !== "voice" || !guild || !member) {
    const kind = channel.type === "dm" ? "direct message" : "text";
    throw new AppError("validation_failed", `Cannot join a ${kind} channel`, {
      detail: `channel ${channelId} is a ${kind} channel; only voice channels hold calls`,
    });
  }
  if (!(access.permissions & Permission.CONNECT)) {
    throw new AppError("forbidden", "Cannot join voice channel without the Connect permission", {
      detail: `your roles in "${guild.name}" do not grant CONNECT here`,
    });
  }
  return {
    channel,
    guildId: guild.id,
    canSpeak: (access.permissions & Permission.SPEAK) !== 0,
  };
}

/** Throws `forbidden` unless the user may speak in the voice channel (to unmute). */
export async function requireSpeak(
  store: Store,
  userId: string,
  channelId: string,
  nowMs: number,
): Promise<void> {
  const access = await viewableChannel(store, userId, channelId, nowMs);
  requirePermission(access, Permission.SPEAK, "speak in this channel", nowMs);
}
