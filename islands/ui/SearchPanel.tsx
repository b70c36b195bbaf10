/** Guild message search by words. Loaded on demand. */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Guild, SearchResult } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { navigate, search } from "../state/chat.ts";
import { PanelMessage, SidePanel } from "./PinsPanel.tsx";

/** `complementary` "Search" with a search form and its results. */
export function SearchPanel({ guild }: { guild: Guild }) {
  const result = useSignal<SearchResult | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const query = input.current?.value.trim() ?? "";
    if (query === "") return;
    busy.value = true;
    error.value = null;
    try {
      result.value = await search(guild.id, query, { limit: 25 });
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  }

  return (
    <SidePanel title={t("search")}>
      <form role="search" class="inline-form" onSubmit={onSubmit}>
        <input
          ref={input}
          type="search"
          aria-label={t("searchMessages")}
          placeholder={t("searchPlaceholder")}
          maxLength={200}
        />
        <button type="submit" class="primary" disabled={busy.value}>{t("search")}</button>
      </form>
      {error.value && <p class="hint">{t("searchFailed", { reason: error.value })}</p>}
      {result.value && (
        <p class="hint" aria-live="polite">
          {result.value.total === 0
            ? t("searchNothing")
            : t("searchResults", { count: result.value.total })}
        </p>
      )}
      <ul class="panel-list">
        {result.value?.messages.map((m) => (
          <li key={m.id}>
            <PanelMessage message={m} />
            <a
              href={`#/channels/${guild.id}/${m.channelId}`}
              onClick={(event) => {
                event.preventDefault();
                navigate({ kind: "guild", guildId: guild.id, channelId: m.channelId });
              }}
            >
              #{guild.channels.find((c) => c.id === m.channelId)?.name ?? "…"}
            </a>
          </li>
        ))}
      </ul>
    </SidePanel>
  );
}
