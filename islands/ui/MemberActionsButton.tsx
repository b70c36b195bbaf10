/**
 * The `Actions for <name>` button on a member (member list, message
 * author), shown only when the viewer may kick, ban or time them out. The
 * menu and its dialogs load on first use.
 */
import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type { Guild } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { memberActions } from "../state/moderation.ts";
import { lazy } from "./lazy.ts";

const MemberActions = lazy(() => import("./MemberActions.tsx").then((m) => m.MemberActions));

/** Props of {@link MemberActionsButton}. */
export interface MemberActionsButtonProps {
  guild: Guild;
  userId: string;
  name: string;
}

/** The trigger of the member's action menu, or nothing when no action is allowed. */
export function MemberActionsButton({ guild, userId, name }: MemberActionsButtonProps) {
  const open = useSignal(false);
  const button = useRef<HTMLButtonElement>(null);
  const actions = memberActions(guild, userId);
  if (actions.length === 0) return null;
  const label = t("memberActionsFor", { name });
  return (
    <span class="member-actions">
      <button
        ref={button}
        type="button"
        class="icon-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open.value}
        onClick={() => (open.value = !open.value)}
      >
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <circle cx="5" cy="12" r="2" fill="currentColor" />
          <circle cx="12" cy="12" r="2" fill="currentColor" />
          <circle cx="19" cy="12" r="2" fill="currentColor" />
        </svg>
      </button>
      {open.value && (
        <MemberActions
          guildId={guild.id}
          userId={userId}
          name={name}
          actions={actions}
          onClose={(refocus) => {
            open.value = false;
            if (refocus) button.current?.focus();
          }}
        />
      )}
    </span>
  );
}
