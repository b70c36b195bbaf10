/** The header of the main pane, with the drawer toggles narrow screens need. */
import type { ComponentChildren } from "preact";
import { t } from "../i18n/mod.ts";
import { Icon } from "./Icon.tsx";
import { drawer, membersHidden } from "./uiState.ts";

/** Props of {@link PaneHead}. */
export interface PaneHeadProps {
  title: string;
  topic?: string | null;
  /** Offer the member list toggle (guild channels). */
  showMembers?: boolean;
  children?: ComponentChildren;
}

/** `title` as the pane's heading, the topic, tool buttons, and the drawer toggles. */
export function PaneHead({ title, topic, showMembers, children }: PaneHeadProps) {
  return (
    <header class="pane-head">
      <button
        type="button"
        class="icon-button drawer-toggle"
        aria-label={t("openChannels")}
        aria-expanded={drawer.value === "nav"}
        onClick={() => (drawer.value = "nav")}
      >
        <Icon name="menu" />
      </button>
      <h1 dir="auto">{title}</h1>
      {topic ? <p class="topic" dir="auto">{topic}</p> : <span class="spacer" />}
      <div class="pane-tools">
        {children}
        {showMembers && (
          <button
            type="button"
            class="icon-button"
            aria-label={t("openMembers")}
            title={t("members")}
            aria-pressed={!membersHidden.value}
            onClick={() => {
              if (matchMedia("(max-width: 768px)").matches) drawer.value = "members";
              else membersHidden.value = !membersHidden.value;
            }}
          >
            <Icon name="members" />
          </button>
        )}
      </div>
    </header>
  );
}
