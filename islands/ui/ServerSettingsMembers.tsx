/**
 * The Members tab of server settings: every member with one checkbox per
 * role (`Roles of <name>`); a change is saved at once. Roles the viewer
 * does not rank above, and members ranked at or above the viewer, are
 * read-only, as the server would refuse the change.
 */
import type { Guild, Member } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { ts } from "../i18n/settings.ts";
import { me, members } from "../state/chat.ts";
import {
  canActOn,
  outranksRole,
  Permission,
  roleColorOf,
  rolesByRank,
} from "../state/moderation.ts";
import { setMemberRoles } from "../state/moderation_actions.ts";
import { Avatar } from "./Avatar.tsx";
import { userName } from "./names.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { useLocalAttempt } from "./SettingsAttempt.tsx";

/** Members of `guild` with role assignment. */
export function ServerSettingsMembers({ guild }: { guild: Guild }) {
  const action = useLocalAttempt();
  const list = [...(members.value.get(guild.id) ?? [])].sort((a, b) =>
    displayName(a).localeCompare(displayName(b))
  );
  const roles = rolesByRank(guild).filter((r) => r.id !== guild.id);
  if (!members.value.has(guild.id)) return <p class="hint">{t("loading")}</p>;
  return (
    <div class="stack">
      <h3>{ts("members")}</h3>
      <ErrorAlert error={action.error.value} />
      <ul class="settings-list">
        {list.map((member) => {
          const name = displayName(member);
          const self = member.user.id === me.value?.id;
          const owner = member.user.id === guild.ownerId;
          const editable = self || canActOn(guild, member.user.id, Permission.MANAGE_ROLES);
          const colour = roleColorOf(guild.id, member.user.id);
          return (
            <li key={member.user.id} class="settings-item">
              <div class="who">
                <Avatar id={member.user.id} name={name} small />
                <strong style={colour ? { color: colour } : undefined}>{name}</strong>
                <span class="hint">@{member.user.username}</span>
                {owner && <span class="tag">{ts("owner")}</span>}
              </div>
              {roles.length > 0 && (
                <fieldset class="role-checks">
                  <legend class="sr-only">{ts("rolesOf", { name })}</legend>
                  {roles.map((role) => (
                    <label key={role.id} class="choice">
                      <input
                        type="checkbox"
                        checked={member.roleIds.includes(role.id)}
                        disabled={!editable || !outranksRole(guild, role) ||
                          (owner && guild.ownerId !== me.value?.id)}
                        onChange={(event) =>
                          action.run(() =>
                            setMemberRoles(
                              guild.id,
                              member.user.id,
                              toggled(member.roleIds, role.id, event.currentTarget.checked),
                            )
                          )}
                      />
                      {role.name}
                    </label>
                  ))}
                </fieldset>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function displayName(member: Member): string {
  return member.nick ?? userName(member.user);
}

function toggled(roleIds: readonly string[], roleId: string, on: boolean): string[] {
  const rest = roleIds.filter((id) => id !== roleId);
  return on ? [...rest, roleId] : rest;
}
