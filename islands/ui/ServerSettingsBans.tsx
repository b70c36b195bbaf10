/** The Bans tab of server settings: who is banned, why and since when, each with `Unban`. */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { formatDateTime, t } from "../i18n/mod.ts";
import { ts } from "../i18n/settings.ts";
import { type Ban } from "../state/moderation.ts";
import { listBans, unban } from "../state/moderation_actions.ts";
import { Avatar } from "./Avatar.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { userName } from "./names.ts";
import { useLocalAttempt } from "./SettingsAttempt.tsx";

/** The bans of `guildId`, fetched when the tab opens. */
export function ServerSettingsBans({ guildId }: { guildId: string }) {
  const bans = useSignal<Ban[] | null>(null);
  const action = useLocalAttempt();
  useEffect(function load() {
    void action.run(async () => (bans.value = await listBans(guildId)));
  }, [guildId]);

  async function lift(userId: string) {
    const done = await action.run(() => unban(guildId, userId));
    if (done) bans.value = (bans.peek() ?? []).filter((b) => b.user.id !== userId);
  }

  const list = bans.value;
  return (
    <div class="stack">
      <h3>{ts("bans")}</h3>
      <ErrorAlert error={action.error.value} />
      {list === null && <p class="hint">{t("loading")}</p>}
      {list?.length === 0 && <p class="hint">{ts("noBans")}</p>}
      {list && list.length > 0 && (
        <ul class="settings-list">
          {list.map((ban) => {
            const name = userName(ban.user);
            return (
              <li key={ban.user.id} class="settings-item">
                <div class="who">
                  <Avatar id={ban.user.id} name={name} small />
                  <strong>{name}</strong>
                  <span class="hint">@{ban.user.username}</span>
                </div>
                <p class="ban-reason">{ban.reason || ts("noReason")}</p>
                <p class="hint">{ts("bannedOn", { time: formatDateTime(ban.createdAt) })}</p>
                <button
                  type="button"
                  aria-label={ts("unbanName", { name })}
                  onClick={() => lift(ban.user.id)}
                >
                  {ts("unban")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
