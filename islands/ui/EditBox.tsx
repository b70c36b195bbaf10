/** Editing a message in place: Enter saves, Shift+Enter adds a line, Escape cancels. */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n/mod.ts";
import { type ChatMessage, editMessage } from "../state/chat.ts";
import { attempt, editingId } from "./uiState.ts";

/** The edit form of `message`. */
export function EditBox({ message }: { message: ChatMessage }) {
  const text = useSignal(message.content);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(function focusAtEnd() {
    const area = ref.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, []);

  async function save() {
    const content = text.value.trim();
    if (content === "" || content === message.content) return void (editingId.value = null);
    if (await attempt(() => editMessage(message.channelId, message.id, content))) {
      editingId.value = null;
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      editingId.value = null;
    } else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div class="edit-box">
      <textarea
        ref={ref}
        aria-label={t("editMessage")}
        rows={Math.min(8, text.value.split("\n").length)}
        maxLength={4000}
        value={text.value}
        onInput={(e) => (text.value = e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <span class="hint">{t("editHint")}</span>
    </div>
  );
}
