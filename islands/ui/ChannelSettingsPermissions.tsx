/**
 * A channel's permission overwrites: pick a role or member, then for each
 * bit that matters in this kind of channel choose `Allow`, `Inherit` or
 * `Deny`; `Save permissions` writes the overwrite (all `Inherit` removes
 * it), `Remove overwrite` deletes it.
 */
import { useSignal } from "@preact/signals";
import type { Channel, Guild, PermissionOverwrite } from "../../server/wire/types.ts";
import { parsePermissions, type PermissionName } from "../../server/permissions/bits.ts";
import { ts } from "../i18n/settings.ts";
import { members } from "../state/chat.ts";
import { Permission, rolesByRank } from "../state/moderation.ts";
import { setOverwrite } from "../state/moderation_actions.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { useFormAction } from "./form.ts";
import { userName } from "./names.ts";
import { useLocalAttempt } from "./SettingsAttempt.tsx";

const COMMON: PermissionName[] = [
  "VIEW_CHANNEL",
  "MANAGE_CHANNELS",
  "MANAGE_ROLES",
  "CREATE_INVITE",
];
const TEXT: PermissionName[] = [
  ...COMMON,
  "SEND_MESSAGES",
  "MANAGE_MESSAGES",
  "MENTION_EVERYONE",
  "ADD_REACTIONS",
  "ATTACH_FILES",
];
const VOICE: PermissionName[] = [...COMMON, "CONNECT", "SPEAK", "MUTE_MEMBERS"];

interface Target {
  id: string;
  type: "role" | "member";
  name: string;
}

/** The overwrite editor of `channel`. */
export function ChannelSettingsPermissions({ guild, channel }: { guild: Guild; channel: Channel }) {
  const targets: Target[] = [
    ...rolesByRank(guild).map((r) => ({
      id: r.id,
      type: "role" as const,
      name: r.id === guild.id ? "@everyone" : r.name,
    })),
    ...(members.value.get(guild.id) ?? []).map((m) => ({
      id: m.user.id,
      type: "member" as const,
      name: m.nick ?? userName(m.user),
    })),
  ];
  const targetId = useSignal(guild.id);
  const target = targets.find((x) => x.id === targetId.value) ?? targets[0];
  const overwrites = channel.overwrites ?? [];
  const existing = overwrites.map((o) => targets.find((x) => x.id === o.id)?.name ?? o.id);
  return (
    <section class="stack" aria-labelledby="channel-permissions-title">
      <h3 id="channel-permissions-title">{ts("permissions")}</h3>
      <p class="hint">
        {existing.length ? `${ts("overwritesFor")}: ${existing.join(", ")}` : ts("noOverwrites")}
      </p>
      <div class="field">
        <label for="overwrite-target">{ts("overwriteTarget")}</label>
        <select
          id="overwrite-target"
          value={target?.id}
          onChange={(e) => (targetId.value = e.currentTarget.value)}
        >
          <optgroup label={ts("roleGroup")}>
            {targets.filter((x) => x.type === "role").map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </optgroup>
          <optgroup label={ts("memberGroup")}>
            {targets.filter((x) => x.type === "member").map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </optgroup>
        </select>
      </div>
      {target && (
        <OverwriteForm
          key={target.id}
          channel={channel}
          target={target}
          current={overwrites.find((o) => o.id === target.id) ?? null}
        />
      )}
    </section>
  );
}

type Tri = "allow" | "inherit" | "deny";

function OverwriteForm(
  { channel, target, current }: {
    channel: Channel;
    target: Target;
    current: PermissionOverwrite | null;
  },
) {
  const names = bitsFor(channel);
  const states = useSignal<Record<string, Tri>>(initialStates(names, current));
  const saved = useSignal(false);
  const remove = useLocalAttempt();
  const form = useFormAction(async function submitOverwrite() {
    saved.value = false;
    let allow = 0;
    let deny = 0;
    for (const name of names) {
      if (states.value[name] === "allow") allow |= Permission[name];
      if (states.value[name] === "deny") deny |= Permission[name];
    }
    await setOverwrite(channel, target, allow, deny);
    saved.value = true;
  });

  async function removeAll() {
    saved.value = false;
    const done = await remove.run(() => setOverwrite(channel, target, 0, 0));
    if (done) states.value = initialStates(names, null);
  }

  return (
    <form class="stack" onSubmit={form.onSubmit}>
      <div class="tri-states">
        {names.map((name) => (
          <fieldset key={name} class="tri-state">
            <legend>{ts(name)}</legend>
            {(["allow", "inherit", "deny"] as const).map((value) => (
              <label key={value} class={`tri ${value}`}>
                <input
                  type="radio"
                  name={name}
                  value={value}
                  checked={states.value[name] === value}
                  onChange={() => (states.value = { ...states.value, [name]: value })}
                />
                {ts(value)}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <ErrorAlert error={form.error.value ?? remove.error.value} />
      <p class="hint" role="status">{saved.value ? ts("saved") : ""}</p>
      <div class="dialog-actions">
        {current && (
          <button type="button" class="danger" onClick={removeAll}>
            {ts("removeOverwrite")}
          </button>
        )}
        <button type="submit" class="primary" disabled={form.pending.value}>
          {ts("savePermissions")}
        </button>
      </div>
    </form>
  );
}

function initialStates(
  names: PermissionName[],
  current: PermissionOverwrite | null,
): Record<string, Tri> {
  const allow = parsePermissions(current?.allow ?? "0");
  const deny = parsePermissions(current?.deny ?? "0");
  const states: Record<string, Tri> = {};
  for (const name of names) {
    const bit = Permission[name];
    states[name] = allow & bit ? "allow" : deny & bit ? "deny" : "inherit";
  }
  return states;
}

function bitsFor(channel: Channel): PermissionName[] {
  return channel.type === "voice" ? VOICE : TEXT;
}
