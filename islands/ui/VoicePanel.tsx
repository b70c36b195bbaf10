/** Above the user panel while in a call: the call's status, `Mute`, `Deafen`, settings and hang-up. */
import type { ComponentChildren } from "preact";
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
        <PanelButton
          label={t("mute")}
          pressed={call.muted}
          onClick={() => void attempt(() => setVoiceMuted(!call.muted))}
        >
          <VoiceIcon name={call.muted ? "micOff" : "mic"} />
        </PanelButton>
        <PanelButton
          label={t("deafen")}
          pressed={call.deafened}
          onClick={() => void attempt(() => setVoiceDeafened(!call.deafened))}
        >
          <VoiceIcon name={call.deafened ? "deafened" : "headphones"} />
        </PanelButton>
        <PanelButton
          label={t("voiceSettings")}
          expanded={settings.value}
          onClick={() => (settings.value = !settings.value)}
        >
          <VoiceIcon name="gear" />
        </PanelButton>
        <PanelButton
          label={t("disconnect")}
          class="hang-up"
          onClick={() => void attempt(leaveVoice)}
        >
          <VoiceIcon name="hangUp" />
        </PanelButton>
      </div>
      {settings.value && <VoiceSettings onClose={() => (settings.value = false)} />}
    </section>
  );
}

/** An icon-only button of the panel, named (and titled) by `label`. */
function PanelButton(props: {
  label: string;
  pressed?: boolean;
  expanded?: boolean;
  class?: string;
  onClick: () => void;
  children: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class={props.class ? `icon-button ${props.class}` : "icon-button"}
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.pressed}
      aria-expanded={props.expanded}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
