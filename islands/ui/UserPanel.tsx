/** The strip under the sidebar: who is logged in, and the `User settings` button. */
import { useSignal } from "@preact/signals";
import { t } from "../i18n/mod.ts";
import { me, presenceOf } from "../state/chat.ts";
import { Avatar } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";
import { lazy } from "./lazy.ts";
import { userName } from "./names.ts";

const SettingsDialog = lazy(() => import("./SettingsDialog.tsx").then((m) => m.SettingsDialog));

/** The viewer's name and presence, and the settings entry point. */
export function UserPanel() {
  const open = useSignal(false);
  const user = me.value;
  if (!user) return null;
  return (
    <div class="user-panel">
      <Avatar id={user.id} name={userName(user)} status={presenceOf(user.id)} small />
      <div class="who">
        <strong>{userName(user)}</strong>
        <span>@{user.username}</span>
      </div>
      <button
        type="button"
        class="icon-button"
        aria-label={t("userSettings")}
        title={t("userSettings")}
        onClick={() => (open.value = true)}
      >
        <Icon name="gear" />
      </button>
      {open.value && <SettingsDialog onClose={() => (open.value = false)} />}
    </div>
  );
}
