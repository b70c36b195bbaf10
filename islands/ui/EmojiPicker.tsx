/**
 * A small emoji picker: a curated grid of common emoji in a modal dialog
 * (arrow keys move between them). Loaded on demand: see `lazy.ts`.
 */
import { t } from "../i18n/mod.ts";
import { Dialog } from "./Dialog.tsx";

/** The curated set: the reactions people use most. */
export const EMOJI: readonly string[] = [
  ...("👍 👎 ❤️ 😂 😮 😢 😡 🎉".split(" ")),
  ...("🔥 👀 🙏 👏 💯 ✅ ❌ 🤔".split(" ")),
  ...("😀 😄 😅 😊 😍 😎 🥳 😭".split(" ")),
  ...("🙌 💪 🤝 👋 ✨ ⭐ 🚀 💡".split(" ")),
  ...("☕ 🍕 🎂 🐱 🐶 🌈 ⚡ 🎵".split(" ")),
];

const COLUMNS = 8;

/** Props of {@link EmojiPicker}. */
export interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/** The picker dialog; picking closes it. */
export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  function onKeyDown(event: KeyboardEvent) {
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll("button")];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, index + step))]?.focus();
  }
  return (
    <Dialog title={t("emojiPicker")} onClose={onClose} class="emoji-dialog">
      <div class="emoji-grid" onKeyDown={onKeyDown}>
        {EMOJI.map((emoji) => (
          <button
            key={emoji}
            type="button"
            onClick={() => {
              onPick(emoji);
              onClose();
            }}
          >
            {emoji}
          </button>
        ))}
      </div>
    </Dialog>
  );
}
