/** `User settings`: theme, language, notifications and logging out. Loaded on demand. */
import { useSignal } from "@preact/signals";
import type { Locale } from "../../server/wire/types.ts";
import { LANGUAGES, t } from "../i18n/mod.ts";
import { locale, logOut, setLocale, setTheme, theme, type ThemePref } from "../state/chat.ts";
import { Dialog } from "./Dialog.tsx";

/** The settings dialog. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const leaving = useSignal(false);
  const notifications = useSignal(notificationState());

  async function onLogOut() {
    leaving.value = true;
    // The local state is gone either way; a server that could not be told
    // still sends the user to the login page (the cookie is revoked there too).
    await logOut();
    location.assign("/login");
  }

  async function enableNotifications() {
    // Placeholder until web push lands: asks the browser's permission only.
    if (typeof Notification === "undefined") return;
    await Notification.requestPermission();
    notifications.value = notificationState();
  }

  const themes: { value: ThemePref; label: string }[] = [
    { value: "system", label: t("themeSystem") },
    { value: "dark", label: t("dark") },
    { value: "light", label: t("light") },
  ];
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
            disabled={notifications.value !== "default"}
          >
            {t("enableNotifications")}
          </button>
          {notifications.value === "granted" && <p class="hint">{t("notificationsOn")}</p>}
          {notifications.value === "denied" && <p class="hint">{t("notificationsBlocked")}</p>}
        </div>
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

function notificationState(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}
