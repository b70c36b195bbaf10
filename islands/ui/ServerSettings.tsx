/**
 * `Server settings`: a dialog with vertical tabs — Overview (rename),
 * Roles, Members (role assignment), Bans and the Audit log — each shown
 * only to those holding its permission. Loaded on demand from the guild
 * header; its tabs load with it (one chunk, none of it in the app shell).
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "../i18n/mod.ts";
import { type SettingsKey, ts } from "../i18n/settings.ts";
import { guilds, loadMembers, members } from "../state/chat.ts";
import { can, Permission } from "../state/moderation.ts";
import { renameGuild } from "../state/moderation_actions.ts";
import { AuditLog } from "./AuditLog.tsx";
import { Dialog } from "./Dialog.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Field } from "./Field.tsx";
import { field, useFormAction } from "./form.ts";
import { RolesTab } from "./RolesTab.tsx";
import { ServerSettingsBans } from "./ServerSettingsBans.tsx";
import { ServerSettingsMembers } from "./ServerSettingsMembers.tsx";

type Tab = "overview" | "roles" | "members" | "bans" | "auditLog";

const TABS: { tab: Tab; flag: number }[] = [
  { tab: "overview", flag: Permission.MANAGE_GUILD },
  { tab: "roles", flag: Permission.MANAGE_ROLES },
  { tab: "members", flag: Permission.MANAGE_ROLES },
  { tab: "bans", flag: Permission.BAN_MEMBERS },
  { tab: "auditLog", flag: Permission.MANAGE_GUILD },
];

/** The settings of `guildId`; closes itself when the guild goes away. */
export function ServerSettings({ guildId, onClose }: { guildId: string; onClose: () => void }) {
  const guild = guilds.value.get(guildId);
  const allowed = guild ? TABS.filter((entry) => can(guild, entry.flag)) : [];
  const chosen = useSignal<Tab | null>(null);
  const tab = allowed.find((entry) => entry.tab === chosen.value)?.tab ?? allowed[0]?.tab;
  useEffect(function closeWhenGone() {
    if (!guild) onClose();
  }, [guild]);
  useEffect(function loadMembersOnce() {
    if (!members.peek().has(guildId)) loadMembers(guildId).catch(() => {});
  }, [guildId]);
  if (!guild) return null;

  function onKeyDown(event: KeyboardEvent) {
    const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (!step || !tab) return;
    event.preventDefault();
    const index = allowed.findIndex((entry) => entry.tab === tab);
    const next = allowed[(index + step + allowed.length) % allowed.length].tab;
    chosen.value = next;
    document.getElementById(`settings-tab-${next}`)?.focus();
  }

  return (
    <Dialog title={t("serverSettings")} onClose={onClose} class="settings-dialog">
      <div class="settings-layout">
        <div
          class="settings-tabs"
          role="tablist"
          aria-label={ts("sections")}
          aria-orientation="vertical"
          onKeyDown={onKeyDown}
        >
          {allowed.map((entry) => (
            <button
              key={entry.tab}
              id={`settings-tab-${entry.tab}`}
              type="button"
              role="tab"
              class="tab"
              aria-selected={entry.tab === tab}
              aria-controls="settings-panel"
              tabIndex={entry.tab === tab ? 0 : -1}
              onClick={() => (chosen.value = entry.tab)}
            >
              {ts(entry.tab as SettingsKey)}
            </button>
          ))}
        </div>
        <div
          id="settings-panel"
          class="settings-panel"
          role="tabpanel"
          tabIndex={0}
          aria-labelledby={tab ? `settings-tab-${tab}` : undefined}
        >
          {!tab && <p class="hint">{ts("noAccess")}</p>}
          {tab === "overview" && <Overview guildId={guild.id} name={guild.name} />}
          {tab === "roles" && <RolesTab guild={guild} />}
          {tab === "members" && <ServerSettingsMembers guild={guild} />}
          {tab === "bans" && <ServerSettingsBans guildId={guild.id} />}
          {tab === "auditLog" && <AuditLog guild={guild} />}
        </div>
      </div>
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>{t("close")}</button>
      </div>
    </Dialog>
  );
}

function Overview({ guildId, name }: { guildId: string; name: string }) {
  const saved = useSignal(false);
  const form = useFormAction(async function submitName(data) {
    saved.value = false;
    await renameGuild(guildId, field(data, "name"));
    saved.value = true;
  });
  return (
    <form class="stack" onSubmit={form.onSubmit}>
      <h3>{ts("overview")}</h3>
      <Field
        id="settings-server-name"
        name="name"
        label={t("serverName")}
        defaultValue={name}
        maxLength={100}
        required
      />
      <ErrorAlert error={form.error.value} />
      <p class="hint" role="status">{saved.value ? ts("saved") : ""}</p>
      <div class="dialog-actions">
        <button type="submit" class="primary" disabled={form.pending.value}>{t("save")}</button>
      </div>
    </form>
  );
}
