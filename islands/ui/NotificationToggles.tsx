/**
 * Notification controls, loaded on demand: `Silence channel` in a channel's
 * header, and per-server silence and `@everyone` switches in the settings.
 * Also starts the page's push sync once the app runs ({@link startPush}).
 */
import { t } from "../i18n/mod.ts";
import {
  loadNotificationSettings,
  notificationSettings,
  startPushSync,
  toggleChannelMute,
  toggleEveryone,
  toggleGuildMute,
} from "../net/push.ts";
import { guilds, readToEnd } from "../state/chat.ts";
import { attempt } from "./uiState.ts";

/** Loads the settings and keeps the worker's badge and notifications in step (idempotent). */
export function startPush(): void {
  startPushSync(readToEnd);
  void loadNotificationSettings().catch(() => {}); // offline: the toggles show defaults
}

/** The `Silence channel` toggle of a channel's header. */
export function MuteChannelButton({ channelId }: { channelId: string }) {
  const muted = notificationSettings.value.mutedChannelIds.includes(channelId);
  return (
    <button
      type="button"
      class="icon-button"
      aria-label={t("silenceChannel")}
      title={t("silenceChannel")}
      aria-pressed={muted}
      onClick={() => attempt(() => toggleChannelMute(channelId))}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2Zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1Z"
        />
        {muted && <path stroke="currentColor" stroke-width="2" d="M3 3l18 18" />}
      </svg>
    </button>
  );
}

/** Per-server switches: silence the server, and whether `@everyone` notifies. */
export function ServerNotificationSettings() {
  const settings = notificationSettings.value;
  const list = [...guilds.value.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (list.length === 0) return null;
  return (
    <fieldset>
      <legend>{t("serverNotifications")}</legend>
      {list.map((guild) => (
        <div key={guild.id} class="stack">
          <label class="choice">
            <input
              type="checkbox"
              checked={settings.mutedGuildIds.includes(guild.id)}
              onChange={() => attempt(() => toggleGuildMute(guild.id))}
            />
            {t("silenceServer", { name: guild.name })}
          </label>
          <label class="choice">
            <input
              type="checkbox"
              checked={!settings.suppressEveryoneGuildIds.includes(guild.id)}
              disabled={settings.mutedGuildIds.includes(guild.id)}
              onChange={() => attempt(() => toggleEveryone(guild.id))}
            />
            {t("everyoneIn", { name: guild.name })}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
