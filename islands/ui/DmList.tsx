/** The home sidebar: the `Friends` button and `nav` "Direct messages". */
import type { Channel } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { dms, navigate, pendingIncoming, presenceOf, unreadOf } from "../state/chat.ts";
import { Avatar } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";
import { channelTitle } from "./names.ts";
import { drawer } from "./uiState.ts";

/** Friends + the DM channels, most recent first; `currentId` is the open DM. */
export function DmList(
  { currentId, friendsOpen }: { currentId: string | null; friendsOpen: boolean },
) {
  const pending = pendingIncoming.value;
  return (
    <>
      <div class="sidebar-head">
        <h2>{t("directMessages")}</h2>
      </div>
      <div class="sidebar-body">
        <button
          type="button"
          class="nav-link"
          aria-current={friendsOpen ? "page" : undefined}
          onClick={() => {
            drawer.value = "none";
            navigate({ kind: "friends", tab: pending > 0 ? "pending" : "online" });
          }}
        >
          <span class="chan-icon" aria-hidden="true">
            <Icon name="friends" />
          </span>
          <span class="name">{t("friends")}</span>
          {pending > 0 && <span class="badge" aria-hidden="true">{pending}</span>}
        </button>
        <nav aria-label={t("directMessages")}>
          <ul class="nav-list">
            {dms.value.map((dm) => (
              <li key={dm.id}>
                <DmLink channel={dm} current={dm.id === currentId} />
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </>
  );
}

function DmLink({ channel, current }: { channel: Channel; current: boolean }) {
  const info = unreadOf(channel.id);
  const other = channel.recipients?.[0];
  const title = channelTitle(channel);
  const descId = `dm-desc-${channel.id}`;
  const description = info.mentions > 0 ? t("mentions", { count: info.mentions }) : "";
  return (
    <a
      class={`nav-link${info.unread && !current ? " unread" : ""}`}
      href={`#/channels/@me/${channel.id}`}
      aria-current={current ? "page" : undefined}
      aria-describedby={description ? descId : undefined}
      onClick={(event) => {
        event.preventDefault();
        drawer.value = "none";
        navigate({ kind: "dm", channelId: channel.id });
      }}
    >
      {other && <Avatar id={other.id} name={title} status={presenceOf(other.id)} small />}
      <span class="name">{title}</span>
      {info.mentions > 0 && <span class="badge" aria-hidden="true">{info.mentions}</span>}
      {description && <span id={descId} hidden>{description}</span>}
    </a>
  );
}
