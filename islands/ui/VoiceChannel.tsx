/** Under each voice channel in the channel list: `Join voice` / `Leave voice` and who is there. */
import type { Channel } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { joinVoice, leaveVoice, voiceCall } from "../state/voice.ts";
import { attempt } from "./uiState.ts";
import { VoiceParticipants } from "./VoiceParticipants.tsx";

/** The join/leave button and the `Voice participants` list of `channel`. */
export function VoiceChannel({ channel }: { channel: Channel }) {
  return (
    <div class="voice-channel">
      <VoiceJoinButton channel={channel} compact />
      <VoiceParticipants
        channelId={channel.id}
        guildId={channel.guildId!}
        label={t("voiceParticipants")}
      />
    </div>
  );
}

/** `Join voice`, or `Leave voice` while in this channel's call. */
export function VoiceJoinButton({ channel, compact }: { channel: Channel; compact?: boolean }) {
  const call = voiceCall.value;
  const here = call?.channelId === channel.id;
  const label = here ? t("leaveVoice") : t("joinVoice");
  return (
    <button
      type="button"
      class={`${compact ? "voice-join" : here ? "danger" : "primary"}${here ? " leave" : ""}`}
      title={`${label} — ${channel.name}`}
      disabled={here && call.status === "connecting"}
      onClick={() => void toggleCall(channel, here)}
    >
      {label}
    </button>
  );
}

/** Joins or leaves, reporting a failure (no microphone, a full room) in the alert region. */
function toggleCall(channel: Channel, here: boolean): Promise<boolean> {
  return attempt(async () => {
    if (here) return await leaveVoice();
    try {
      await joinVoice(channel.id, channel.guildId!);
    } catch (error) {
      if (error instanceof DOMException) {
        throw new Error(t("microphoneFailed", { reason: error.message || error.name }));
      }
      throw error;
    }
  });
}
