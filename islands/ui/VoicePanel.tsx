/** Above the user panel while in a call: the call's status, `Mute`, `Deafen`, settings and hang-up. */
import { useSignal } from "@preact/signals";
import { t } from "../i18n/mod.ts";
import { channelById } from "../state/chat.ts";
import { leaveVoice, setVoiceDeafened, setVoiceMuted, voiceCall } from "../state/voice.ts";
import { VoiceIcon } from "./VoiceIcon.tsx";
import { lazy } from "./lazy.ts";
import { attempt } from "./uiState.ts";

const VoiceSettings = lazy(() => import("./VoiceSettings.tsx").then((m) => m.VoiceSettings));

/** The call controls; nothing when not in voice. */
export function VoicePanel() {
  const settings = useSignal(false);
  const call = voiceCall.value;
  if (!call) return null;
  const status = call.status === "connected"
    ? t("voiceConnected")
    : call.status === "connecting"
    ? t("voiceConnecting")
    : t("voiceReconnecting");
  const channel = channelById(call.channelId);
  return (
    <section class="voice-panel" aria-label={t("voice")}>
      <div class="voice-status" role="status">
        <strong class={call.status}>{status}</strong>
        {channel && <span dir="auto">{channel.name}</span>}
      </div>
      <div class="voice-buttons">
        <button
          type="button"
          class="icon-button"
          aria-label={t("mute")}
          title={t("mute")}
          aria-pressed={call.muted}
          onClick={() => void attempt(() => setVoiceMuted(!call.muted))}
        >
          <VoiceIcon name={call.muted ? "micOff" : "mic"} />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t("deafen")}
          title={t("deafen")}
          aria-pressed={call.deafened}
          onClick={() => void attempt(() => setVoiceDeafened(!call.deafened))}
        >
          <VoiceIcon name={call.deafened ? "deafened" : "headphones"} />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t("voiceSettings")}
          title={t("voiceSettings")}
          aria-expanded={settings.value}
          onClick={() => (settings.value = !settings.value)}
        >
          <VoiceIcon name="gear" />
        </button>
        <button
          type="button"
          class="icon-button hang-up"
          aria-label={t("disconnect")}
          title={t("disconnect")}
          onClick={() => void attempt(leaveVoice)}
        >
          <VoiceIcon name="hangUp" />
        </button>
      </div>
      {settings.value && <VoiceSettings onClose={() => (settings.value = false)} />}
    </section>
  );
}
