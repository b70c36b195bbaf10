/** The pinned messages of a channel, newest first. Loaded on demand. */
import type { ComponentChildren } from "preact";
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Channel, Message } from "../../server/wire/types.ts";
import { formatDateTime, t } from "../i18n/mod.ts";
import { channelView, listPins, setPinned } from "../state/chat.ts";
import { Markdown } from "./markdown/Markdown.tsx";
import { userName } from "./names.ts";
import { attempt, panel } from "./uiState.ts";

/** `complementary` "Pinned messages". */
export function PinsPanel({ channel }: { channel: Channel }) {
  const pins = useSignal<Message[] | null>(null);
  const error = useSignal<string | null>(null);
  // Re-list when a pin changes in the loaded timeline.
  const pinnedIds = channelView(channel.id).value.messages.filter((m) => m.pinned).map((m) => m.id)
    .join();
  useEffect(function load() {
    listPins(channel.id).then(
      (list) => (pins.value = list),
      (e) => (error.value = e instanceof Error ? e.message : String(e)),
    );
  }, [channel.id, pinnedIds]);
  return (
    <SidePanel title={t("pins")}>
      {error.value && <p class="hint">{t("somethingWrong", { reason: error.value })}</p>}
      {pins.value === null && !error.value && <p class="hint">{t("loading")}</p>}
      {pins.value?.length === 0 && <p class="hint">{t("noPins")}</p>}
      <ul class="panel-list">
        {pins.value?.map((m) => (
          <li key={m.id}>
            <PanelMessage message={m} />
            <button
              type="button"
              class="ghost"
              onClick={() => attempt(() => setPinned(channel.id, m.id, false))}
            >
              {t("unpin")}
            </button>
          </li>
        ))}
      </ul>
    </SidePanel>
  );
}

/** A compact message for side panels (pins, search results). */
export function PanelMessage({ message }: { message: Message }) {
  return (
    <article>
      <div class="msg-meta">
        <span class="author">{userName(message.author)}</span>
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
      </div>
      <div class="text" dir="auto">
        <Markdown content={message.content} />
      </div>
    </article>
  );
}

/** A side panel with a heading and a close button; Escape closes it too. */
export function SidePanel({ title, children }: { title: string; children: ComponentChildren }) {
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") panel.value = "none";
  }
  return (
    <aside class="panel open" aria-label={title} onKeyDown={onKeyDown}>
      <div class="panel-head">
        <h2>{title}</h2>
        <button type="button" class="icon-button" onClick={() => (panel.value = "none")}>
          {t("close")}
        </button>
      </div>
      {children}
    </aside>
  );
}
