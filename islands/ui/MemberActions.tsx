/**
 * The member action menu (`Kick`, `Ban`, `Timeout`, `Remove timeout`) and
 * the dialog each opens: a reason for the audit log, for bans whether to
 * delete the last day of messages, for timeouts a duration. Arrow keys
 * move through the menu; Escape closes it and returns to its button.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { formatDateTime, t } from "../i18n/mod.ts";
import { type SettingsKey, ts } from "../i18n/settings.ts";
import { memberTimeoutEnd } from "../state/moderation.ts";
import { banMember, kickMember, timeoutMember } from "../state/moderation_actions.ts";
import { Dialog } from "./Dialog.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Field } from "./Field.tsx";
import { field, useFormAction } from "./form.ts";

type Action = "kick" | "ban" | "timeout";

/** The timeout choices, in seconds. */
const DURATIONS: { key: SettingsKey; seconds: number }[] = [
  { key: "d60s", seconds: 60 },
  { key: "d5m", seconds: 300 },
  { key: "d10m", seconds: 600 },
  { key: "d1h", seconds: 3600 },
  { key: "d1d", seconds: 86_400 },
  { key: "d1w", seconds: 604_800 },
];

/** Props of {@link MemberActions}. */
export interface MemberActionsProps {
  guildId: string;
  userId: string;
  name: string;
  /** What the viewer may do to this member (never empty). */
  actions: Action[];
  /** `refocus`: return focus to the menu button (Escape, a finished action). */
  onClose: (refocus: boolean) => void;
}

/** The menu, then the chosen action's dialog. */
export function MemberActions(props: MemberActionsProps) {
  const chosen = useSignal<Action | null>(null);
  const { guildId, userId, name } = props;
  // A dialog is modal: focus can return to the button only once it has gone.
  const close = (refocus: boolean) => setTimeout(() => props.onClose(refocus), 0);
  if (!chosen.value) return <Menu {...props} onPick={(a) => (chosen.value = a)} onClose={close} />;
  const done = () => close(true);
  if (chosen.value === "kick") {
    return <KickDialog guildId={guildId} userId={userId} name={name} onClose={done} />;
  }
  if (chosen.value === "ban") {
    return <BanDialog guildId={guildId} userId={userId} name={name} onClose={done} />;
  }
  return <TimeoutDialog guildId={guildId} userId={userId} name={name} onClose={done} />;
}

function Menu(
  { guildId, userId, name, actions, onPick, onClose }: MemberActionsProps & {
    onPick: (action: Action) => void;
  },
) {
  const ref = useRef<HTMLDivElement>(null);
  const failure = useSignal<Error | null>(null);
  const until = actions.includes("timeout") ? memberTimeoutEnd(guildId, userId) : null;
  useEffect(function focusAndWatchOutside() {
    items()[0]?.focus();
    function onPointerDown(event: PointerEvent) {
      const home = ref.current?.parentElement;
      if (home && !home.contains(event.target as Node)) onClose(false);
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);

  function items(): HTMLElement[] {
    return [...(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
  }

  function onKeyDown(event: KeyboardEvent) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    } else if (event.key === "Tab") onClose(false);
  }

  async function lift() {
    try {
      await timeoutMember(guildId, userId, 0);
      onClose(true);
    } catch (error) {
      failure.value = error instanceof Error ? error : new Error(String(error));
    }
  }

  return (
    <div
      ref={ref}
      class="menu"
      role="menu"
      aria-label={t("memberActionsFor", { name })}
      onKeyDown={onKeyDown}
    >
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          role="menuitem"
          tabIndex={-1}
          class={action === "timeout" ? "" : "danger-text"}
          onClick={() => onPick(action)}
        >
          {ts(action)}
        </button>
      ))}
      {until !== null && (
        <button type="button" role="menuitem" tabIndex={-1} onClick={lift}>
          {ts("removeTimeout")}
        </button>
      )}
      {until !== null && (
        <p class="hint">
          {ts("timedOutUntil", { time: formatDateTime(new Date(until).toISOString()) })}
        </p>
      )}
      {failure.value && <ErrorAlert error={failure.value} />}
    </div>
  );
}

interface TargetProps {
  guildId: string;
  userId: string;
  name: string;
  onClose: () => void;
}

function KickDialog({ guildId, userId, name, onClose }: TargetProps) {
  const form = useFormAction(async function submitKick(data) {
    await kickMember(guildId, userId, field(data, "reason"));
    onClose();
  });
  return (
    <Dialog title={ts("kickTitle", { name })} onClose={onClose}>
      <form class="stack" onSubmit={form.onSubmit}>
        <p class="hint">{ts("kickHint")}</p>
        <Reason />
        <ErrorAlert error={form.error.value} />
        <Actions label={ts("kick")} pending={form.pending.value} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function BanDialog({ guildId, userId, name, onClose }: TargetProps) {
  const form = useFormAction(async function submitBan(data) {
    await banMember(guildId, userId, {
      reason: field(data, "reason"),
      deleteLastDay: data.get("deleteLastDay") === "on",
    });
    onClose();
  });
  return (
    <Dialog title={ts("banTitle", { name })} onClose={onClose}>
      <form class="stack" onSubmit={form.onSubmit}>
        <p class="hint">{ts("banHint")}</p>
        <Reason />
        <label class="choice">
          <input type="checkbox" name="deleteLastDay" />
          {ts("deleteLastDay")}
        </label>
        <ErrorAlert error={form.error.value} />
        <Actions label={ts("ban")} pending={form.pending.value} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function TimeoutDialog({ guildId, userId, name, onClose }: TargetProps) {
  const form = useFormAction(async function submitTimeout(data) {
    const seconds = Number(field(data, "duration")) || DURATIONS[0].seconds;
    await timeoutMember(guildId, userId, seconds, field(data, "reason"));
    onClose();
  });
  return (
    <Dialog title={ts("timeoutTitle", { name })} onClose={onClose}>
      <form class="stack" onSubmit={form.onSubmit}>
        <fieldset>
          <legend>{ts("duration")}</legend>
          {DURATIONS.map((d, index) => (
            <label key={d.key} class="choice">
              <input type="radio" name="duration" value={d.seconds} defaultChecked={index === 0} />
              {ts(d.key)}
            </label>
          ))}
        </fieldset>
        <Reason />
        <ErrorAlert error={form.error.value} />
        <Actions label={ts("timeout")} pending={form.pending.value} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function Reason() {
  return (
    <Field
      id="moderation-reason"
      name="reason"
      label={ts("reason")}
      hint={ts("reasonHint")}
      maxLength={512}
    />
  );
}

function Actions(
  { label, pending, onClose }: { label: string; pending: boolean; onClose: () => void },
) {
  return (
    <div class="dialog-actions">
      <button type="button" onClick={onClose}>{t("cancel")}</button>
      <button type="submit" class="danger" disabled={pending}>{label}</button>
    </div>
  );
}
