/** `User settings`: theme, language, notifications and logging out. Loaded on demand. */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Locale } from "../../server/wire/types.ts";
import { LANGUAGES, t } from "../i18n/mod.ts";
import { enablePush, type PushState, pushState } from "../net/push.ts";
import { locale, logOut, setLocale, setTheme, theme, type ThemePref } from "../state/chat.ts";
import { Dialog } from "./Dialog.tsx";
import { ServerNotificationSettings } from "./NotificationToggles.tsx";

/** The settings dialog. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const leaving = useSignal(false);
  const notifications = useSignal<PushState | "working">("default");
  const failure = useSignal<string | null>(null);
  useEffect(function readPushState() {
    void pushState().then((state) => (notifications.value = state));
  }, []);

  async function onLogOut() {
    leaving.value = true;
    // The local state is gone either way; a server that could not be told
    // still sends the user to the login page (the cookie is revoked there too).
    await logOut();
    location.assign("/login");
  }

  async function enableNotifications() {
    // The permission prompt appears only here, on the user's click.
    notifications.value = "working";
    failure.value = null;
    try {
      notifications.value = await enablePush();
    } catch (error) {
      failure.value = t("notificationsFailed", {
        reason: error instanceof Error ? error.message : String(error),
      });
      notifications.value = await pushState();
    }
  }

  const themes: { value: ThemePref; label: string }[] = [
    { value: "system", label: t("themeSystem") },
    { value: "dark", label: t("dark") },
    { value: "light", label: t("light") },
  ];
  const state = notifications.value;
  return (
    <Dialog title={t("userSettings")} onClose={onClose}>
      <div class="stack">
        <fieldset>
          <legend>{t("theme")}</legend>
          {themes.map((option) => (
            <label key={option.value} class="choice">
              <input
                type="radio"
                name="theme"
                value={option.value}
                checked={theme.value === option.value}
                onChange={() => setTheme(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="settings-language">{t("language")}</label>
          <select
            id="settings-language"
            value={locale.value}
            onChange={(e) => setLocale(e.currentTarget.value as Locale)}
          >
            {LANGUAGES.map((lang) => (
              <option key={lang.code} value={lang.code} lang={lang.code}>{lang.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <span class="label">{t("notifications")}</span>
          <button
            type="button"
            onClick={enableNotifications}
            disabled={state !== "default" && state !== "off"}
            aria-busy={state === "working"}
          >
            {t("enableNotifications")}
          </button>
          <p class="hint" role="status">
            {state === "enabled" && t("notificationsOn")}
            {state === "denied" && t("notificationsBlocked")}
            {state === "unsupported" && t("notificationsUnsupported")}
            {failure.value}
          </p>
        </div>
        <ServerNotificationSettings />
        <div class="dialog-actions">
          <button type="button" class="danger" onClick={onLogOut} disabled={leaving.value}>
            {t("logOut")}
          </button>
          <button type="button" class="primary" onClick={onClose}>{t("close")}</button>
        </div>
      </div>
    </Dialog>
  );
}
