/**
 * The editor of one role: name, colour and a labelled checkbox per
 * permission bit; `Save role` and `Delete role`. `@everyone` keeps its
 * name and cannot be deleted. Bits the viewer does not hold cannot be
 * granted (the server refuses them), so their boxes are disabled.
 */
import { useSignal } from "@preact/signals";
import type { Guild, Role } from "../../server/wire/types.ts";
import { parsePermissions, type PermissionName } from "../../server/permissions/bits.ts";
import { ts } from "../i18n/settings.ts";
import { colourHex, guildPermissions, outranksRole, Permission } from "../state/moderation.ts";
import { editRole } from "../state/moderation_actions.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Field } from "./Field.tsx";
import { field, useFormAction } from "./form.ts";

/** Every bit, in the order settings list them. */
export const PERMISSION_NAMES = Object.keys(Permission) as PermissionName[];

/** Props of {@link RolesEditor}. */
export interface RolesEditorProps {
  guild: Guild;
  role: Role;
  onDelete: () => Promise<void>;
}

/** The form for `role`; mount it keyed by the role id so switching roles resets it. */
export function RolesEditor({ guild, role, onDelete }: RolesEditorProps) {
  const everyone = role.id === guild.id;
  const locked = !outranksRole(guild, role);
  const mine = guildPermissions(guild);
  const bits = parsePermissions(role.permissions);
  const saved = useSignal(false);
  const deleting = useSignal<Error | null>(null);
  const form = useFormAction(async function submitRole(data) {
    saved.value = false;
    let permissions = 0;
    for (const name of PERMISSION_NAMES) {
      if (data.get(name) === "on") permissions |= Permission[name];
    }
    const color = data.get("useColour") === "on"
      ? Number.parseInt(field(data, "colour").slice(1), 16) || 0
      : 0;
    const name = everyone ? undefined : field(data, "name");
    await editRole(guild.id, role.id, { name, color, permissions });
    saved.value = true;
  });
  const title = everyone ? "@everyone" : role.name;

  return (
    <form
      class="stack role-editor"
      onSubmit={form.onSubmit}
      aria-label={ts("editRole", { name: title })}
    >
      <h3>{ts("editRole", { name: title })}</h3>
      {everyone && <p class="hint">{ts("everyoneHint")}</p>}
      {locked && <p class="hint">{ts("roleLocked")}</p>}
      <fieldset disabled={locked} class="stack">
        {!everyone && (
          <Field
            id="role-name"
            name="name"
            label={ts("roleName")}
            defaultValue={role.name}
            maxLength={100}
            required
          />
        )}
        <div class="colour-row">
          <label class="choice">
            <input type="checkbox" name="useColour" defaultChecked={role.color > 0} />
            {ts("useColour")}
          </label>
          <label class="colour-pick">
            <span class="sr-only">{ts("roleColour")}</span>
            <input
              type="color"
              name="colour"
              defaultValue={role.color > 0 ? colourHex(role.color) : "#5865f2"}
            />
          </label>
        </div>
        <fieldset class="bits">
          <legend>{ts("permissions")}</legend>
          {PERMISSION_NAMES.map((name) => (
            <label key={name} class="choice">
              <input
                type="checkbox"
                name={name}
                defaultChecked={(bits & Permission[name]) !== 0}
                disabled={(mine & Permission[name]) === 0 && (bits & Permission[name]) === 0}
              />
              {ts(name)}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <ErrorAlert error={form.error.value ?? deleting.value} />
      <p class="hint" role="status">{saved.value ? ts("saved") : ""}</p>
      <div class="dialog-actions">
        {!everyone && (
          <button
            type="button"
            class="danger"
            disabled={locked}
            onClick={() =>
              onDelete().catch((
                e,
              ) => (deleting.value = e instanceof Error ? e : new Error(String(e))))}
          >
            {ts("deleteRole")}
          </button>
        )}
        <button type="submit" class="primary" disabled={locked || form.pending.value}>
          {ts("saveRole")}
        </button>
      </div>
    </form>
  );
}
