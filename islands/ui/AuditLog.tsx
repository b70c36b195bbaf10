/**
 * The Audit log tab of server settings: a table of who did what to which
 * target, why and when (dates in the user's locale), newest first, with
 * older pages on demand.
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { AUDIT_ACTIONS, type AuditEntry, type Guild } from "../../server/wire/types.ts";
import { formatDateTime, t } from "../i18n/mod.ts";
import { type SettingsKey, ts } from "../i18n/settings.ts";
import { listAuditLog } from "../state/moderation_actions.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { userName } from "./names.ts";
import { useLocalAttempt } from "./SettingsAttempt.tsx";

/** The server answers at most this many entries per page. */
const PAGE = 100;

/** The audit log of `guild`, fetched when the tab opens. */
export function AuditLog({ guild }: { guild: Guild }) {
  const entries = useSignal<AuditEntry[] | null>(null);
  const more = useSignal(false);
  const action = useLocalAttempt();

  async function load(before?: string) {
    const page = await listAuditLog(guild.id, before);
    entries.value = [...(before ? entries.peek() ?? [] : []), ...page];
    more.value = page.length >= PAGE;
  }
  useEffect(function loadNewest() {
    void action.run(() => load());
  }, [guild.id]);

  const list = entries.value;
  return (
    <div class="stack">
      <h3 id="audit-log-title">{ts("auditLog")}</h3>
      <ErrorAlert error={action.error.value} />
      {list === null && <p class="hint">{t("loading")}</p>}
      {list?.length === 0 && <p class="hint">{ts("auditEmpty")}</p>}
      {list && list.length > 0 && (
        <div class="table-scroll" role="region" tabIndex={0} aria-labelledby="audit-log-title">
          <table class="audit-log" aria-labelledby="audit-log-title">
            <thead>
              <tr>
                <th scope="col">{ts("who")}</th>
                <th scope="col">{ts("action")}</th>
                <th scope="col">{ts("target")}</th>
                <th scope="col">{ts("reasonColumn")}</th>
                <th scope="col">{ts("when")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((entry) => (
                <tr key={entry.id}>
                  <td>{userName(entry.actor)}</td>
                  <td>{actionLabel(entry.action)}</td>
                  <td>{targetName(guild, entry)}</td>
                  <td>{entry.reason ?? "—"}</td>
                  <td>
                    <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more.value && list && (
        <button
          type="button"
          onClick={() => action.run(() => load(list[list.length - 1].id))}
        >
          {ts("olderEntries")}
        </button>
      )}
    </div>
  );
}

const ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

/** An action in words; one this build does not know yet shows as its code. */
function actionLabel(action: string): string {
  return ACTIONS.has(action) ? ts(action as SettingsKey) : action;
}

/** The target as people know it: a user's name, `#channel`, a role's name, or the raw id. */
function targetName(guild: Guild, entry: AuditEntry): string {
  if (entry.target) return userName(entry.target);
  const id = entry.targetId;
  if (!id) return "—";
  if (id === guild.id) return guild.name;
  const channel = guild.channels.find((c) => c.id === id);
  if (channel) return channel.type === "text" ? `#${channel.name}` : channel.name;
  const role = guild.roles.find((r) => r.id === id);
  if (role) return role.name;
  return id;
}
