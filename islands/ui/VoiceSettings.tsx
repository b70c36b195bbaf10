/** The voice settings popover: which microphone and which speaker. Loaded on demand. */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "../i18n/mod.ts";
import { setVoiceDevices } from "../state/voice.ts";
import { canChooseOutput, savedDevices } from "../voice/media.ts";
import { attempt } from "./uiState.ts";

/** Device selects; Escape or the close button hides it. */
export function VoiceSettings({ onClose }: { onClose: () => void }) {
  const devices = useSignal<MediaDeviceInfo[]>([]);
  const chosen = useSignal(savedDevices());
  useEffect(function listDevices() {
    const read = () =>
      void navigator.mediaDevices?.enumerateDevices().then((list) => (devices.value = list));
    read();
    navigator.mediaDevices?.addEventListener("devicechange", read);
    return () => navigator.mediaDevices?.removeEventListener("devicechange", read);
  }, []);

  function choose(kind: "input" | "output", id: string) {
    chosen.value = { ...chosen.value, [kind]: id };
    void attempt(() => setVoiceDevices({ [kind]: id }));
  }

  const inputs = devices.value.filter((d) => d.kind === "audioinput" && d.deviceId !== "default");
  const outputs = devices.value.filter((d) => d.kind === "audiooutput" && d.deviceId !== "default");
  return (
    <div
      class="voice-settings"
      role="group"
      aria-label={t("voiceSettings")}
      onKeyDown={(event) => event.key === "Escape" && (event.preventDefault(), onClose())}
    >
      <DeviceSelect
        label={t("microphone")}
        devices={inputs}
        value={chosen.value.input}
        onChange={(id) => choose("input", id)}
      />
      {canChooseOutput() && (
        <DeviceSelect
          label={t("speaker")}
          devices={outputs}
          value={chosen.value.output}
          onChange={(id) => choose("output", id)}
        />
      )}
      <button type="button" onClick={onClose}>{t("close")}</button>
    </div>
  );
}

interface DeviceSelectProps {
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange(id: string): void;
}

function DeviceSelect({ label, devices, value, onChange }: DeviceSelectProps) {
  return (
    <label class="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{t("defaultDevice")}</option>
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t("deviceUnnamed", { n: index + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}
