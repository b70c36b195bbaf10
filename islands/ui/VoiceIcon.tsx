/** Stroke icons for the voice controls, drawn like `Icon.tsx` (decorative, current colour). */
import { StrokeIcon } from "./Icon.tsx";

const PATHS = {
  mic: "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3",
  micOff:
    "M9 9v3a3 3 0 0 0 5.1 2.1M15 9.3V6a3 3 0 0 0-5.7-1.3M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.5 2.5M12 18v3M3 3l18 18",
  headphones: "M4 18v-6a8 8 0 0 1 16 0v6M4 15h3v5H4zM17 15h3v5h-3z",
  deafened: "M4 18v-6a8 8 0 0 1 12.9-6.3M20 12v6M4 15h3v5H4zM17 15h3v5h-3zM3 3l18 18",
  hangUp: "M3 14.5c5-4.7 13-4.7 18 0l-2.2 2.7-3.3-1.4v-2.6a11 11 0 0 0-7 0v2.6l-3.3 1.4z",
  gear:
    "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2",
} as const;

/** A voice icon name. */
export type VoiceIconName = keyof typeof PATHS;

/** A 20 px voice icon. */
export function VoiceIcon({ name }: { name: VoiceIconName }) {
  return <StrokeIcon d={PATHS[name]} />;
}
