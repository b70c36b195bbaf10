/** The server rail: home (friends and DMs), one link per guild, and "Create a server". */
import { useSignal } from "@preact/signals";
import type { Guild } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import {
  dmMentions,
  guildList,
  guildUnread,
  navigate,
  pendingIncoming,
  route,
} from "../state/chat.ts";
import { initials } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";
import { lazy } from "./lazy.ts";
import { unreadDescription } from "./names.ts";
import { drawer } from "./uiState.ts";

const CreateServerDialog = lazy(() => import("./dialogs.tsx").then((m) => m.CreateServerDialog));

/** `nav` "Servers". */
export function ServerRail() {
  const creating = useSignal(false);
  const current = route.value;
  const homeBadge = dmMentions.value + pendingIncoming.value;
  const atHome = current.kind === "friends" || current.kind === "dm";
  return (
    <nav class="rail" aria-label={t("servers")}>
      <ul>
        <li>
          <a
            class="rail-item"
            href="#/friends"
            title={t("home")}
            aria-current={atHome ? "page" : undefined}
            onClick={(event) => {
              event.preventDefault();
              drawer.value = "nav";
              navigate({ kind: "friends", tab: "online" });
            }}
          >
            <span class="rail-pill" hidden={!atHome} />
            <Icon name="chat" />
            <span class="sr-only">{t("home")}</span>
            {homeBadge > 0 && <span class="badge" aria-hidden="true">{homeBadge}</span>}
          </a>
        </li>
        <li class="rail-sep" aria-hidden="true" />
        {guildList.value.map((guild) => (
          <li key={guild.id}>
            <GuildLink
              guild={guild}
              current={current.kind === "guild" && current.guildId === guild.id}
            />
          </li>
        ))}
        <li>
          <button
            type="button"
            class="rail-item add"
            aria-label={t("createServer")}
            title={t("createServer")}
            onClick={() => (creating.value = true)}
          >
            <Icon name="plus" />
          </button>
        </li>
      </ul>
      {creating.value && <CreateServerDialog onClose={() => (creating.value = false)} />}
    </nav>
  );
}

function GuildLink({ guild, current }: { guild: Guild; current: boolean }) {
  const info = guildUnread(guild.id);
  const descId = `guild-desc-${guild.id}`;
  const description = unreadDescription(info);
  return (
    <a
      class="rail-item"
      href={`#/channels/${guild.id}`}
      title={guild.name}
      aria-current={current ? "page" : undefined}
      aria-describedby={description ? descId : undefined}
      onClick={(event) => {
        event.preventDefault();
        drawer.value = "nav";
        navigate({ kind: "guild", guildId: guild.id, channelId: firstTextChannel(guild) });
      }}
    >
      <span class="rail-pill" hidden={!current && !info.unread} />
      <span aria-hidden="true">{initials(guild.name)}</span>
      <span class="sr-only">{guild.name}</span>
      {info.mentions > 0 && <span class="badge" aria-hidden="true">{info.mentions}</span>}
      {description && <span id={descId} hidden>{description}</span>}
    </a>
  );
}

/** The channel a guild opens on: its first text channel by position. */
export function firstTextChannel(guild: Guild): string | null {
  const text = guild.channels.filter((c) => c.type === "text");
  text.sort((a, b) => a.position - b.position);
  return text[0]?.id ?? null;
}
