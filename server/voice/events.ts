/**
 * Voice state views and their `VOICE_STATE_UPDATE` events, published after
 * the store wrote, to the members who may view the voice channel.
 */
import type { Bus } from "../realtime/bus.ts";
import type { VoiceStateRecord } from "../store/port.ts";
import type { VoiceState, VoiceStateEvent } from "../wire/types.ts";

/** The wire view of a stored state. */
export function toVoiceState(s: VoiceStateRecord): VoiceState {
  return {
    userId: s.userId,
    guildId: s.guildId,
    channelId: s.channelId,
    muted: s.muted,
    deafened: s.deafened,
  };
}

/** Tells those who may view the channel that the user is in it now (or muted, or deafened). */
export function publishState(bus: Bus, s: VoiceStateRecord): Promise<void> {
  const to = { guildId: s.guildId, channelId: s.channelId };
  return bus.publish({ t: "VOICE_STATE_UPDATE", d: toVoiceState(s), to });
}

/** Tells those who may view the channel of `s` that the user left it. */
export function publishLeft(bus: Bus, s: VoiceStateRecord): Promise<void> {
  const d: VoiceStateEvent = {
    userId: s.userId,
    guildId: s.guildId,
    channelId: null,
    muted: false,
    deafened: false,
  };
  return bus.publish({
    t: "VOICE_STATE_UPDATE",
    d,
    to: { guildId: s.guildId, channelId: s.channelId },
  });
}
