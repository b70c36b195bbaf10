/**
 * The Roles tab of server settings: the roles highest first (move up and
 * down), `Create role`, and an editor for the selected one — name, colour
 * and one labelled checkbox per permission bit. Roles at or above the
 * viewer's highest role are shown read-only, as the server refuses them.
 */
import { useSignal } from "@preact/signals";
import type { Guild, Role } from "../../server/wire/types.ts";
import { ts } from "../i18n/settings.ts";
import { members } from "../state/chat.ts";
import { colourHex, outranksRole, rolesByRank } from "../state/moderation.ts";
import { createRole, deleteRole, moveRole } from "../state/moderation_actions.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { useFormAction } from "./form.ts";
import { RolesEditor } from "./RolesEditor.tsx";
import { useLocalAttempt } from "./SettingsAttempt.tsx";

/** Roles of `guild`, with the editor of the selected one. */
export function RolesTab({ guild }: { guild: Guild }) {
  const selectedId = useSignal<string | null>(null);
  const action = useLocalAttempt();
  const ranked = rolesByRank(guild);
  const selected = ranked.find((r) => r.id === selectedId.value) ?? null;
  const create = useFormAction(async function submitCreate() {
    const role = await createRole(guild.id, { name: ts("newRole") });
    selectedId.value = role.id;
  });
  const movable = ranked.filter((r) => r.id !== guild.id);
  const list = members.value.get(guild.id) ?? [];

  return (
    <div class="roles-tab">
      <div class="roles-side">
        <form onSubmit={create.onSubmit}>
          <button type="submit" class="primary" disabled={create.pending.value}>
            {ts("createRole")}
          </button>
          <ErrorAlert error={create.error.value ?? action.error.value} />
        </form>
        <ul class="role-list" aria-label={ts("roles")}>
          {ranked.map((role) => {
            const index = movable.indexOf(role);
            const locked = !outranksRole(guild, role);
            const count = role.id === guild.id
              ? list.length
              : list.filter((m) => m.roleIds.includes(role.id)).length;
            return (
              <li key={role.id} class="role-row">
                <button
                  type="button"
                  class="role-pick"
                  aria-pressed={role.id === selected?.id}
                  onClick={() => (selectedId.value = role.id)}
                >
                  <RoleDot role={role} />
                  <span class="name">{role.id === guild.id ? "@everyone" : role.name}</span>
                  <span class="hint">{ts("roleMembers", { count })}</span>
                </button>
                {index >= 0 && (
                  <>
                    <MoveButton
                      label={ts("moveUp", { name: role.name })}
                      disabled={locked || index === 0 || !outranksRole(guild, movable[index - 1])}
                      onClick={() => action.run(() => moveRole(guild.id, role.id, true))}
                      glyph="↑"
                    />
                    <MoveButton
                      label={ts("moveDown", { name: role.name })}
                      disabled={locked || index === movable.length - 1}
                      onClick={() => action.run(() => moveRole(guild.id, role.id, false))}
                      glyph="↓"
                    />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {selected && (
        <RolesEditor
          key={selected.id}
          guild={guild}
          role={selected}
          onDelete={async () => {
            await deleteRole(guild.id, selected.id);
            selectedId.value = null;
          }}
        />
      )}
    </div>
  );
}

/** The role's colour as a small swatch (decorative). */
export function RoleDot({ role }: { role: Role }) {
  const colour = role.color > 0 ? colourHex(role.color) : undefined;
  return (
    <span
      class={`role-dot${colour ? "" : " none"}`}
      aria-hidden="true"
      style={colour ? { backgroundColor: colour } : undefined}
    />
  );
}

function MoveButton(
  { label, disabled, onClick, glyph }: {
    label: string;
    disabled: boolean;
    onClick: () => void;
    glyph: string;
  },
) {
  return (
    <button
      type="button"
      class="icon-button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
}
