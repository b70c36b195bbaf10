/** The guild sidebar: `nav` "Channels" with text and voice channels, unread and mention badges. */
import { useSignal } from "@preact/signals";
import type { Channel, Guild } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { me, navigate, unreadOf } from "../state/chat.ts";
import { Icon } from "./Icon.tsx";
import { lazy } from "./lazy.ts";
import { drawer } from "./uiState.ts";

const CreateChannelDialog = lazy(() => import("./dialogs.tsx").then((m) => m.CreateChannelDialog));
const InviteDialog = lazy(() => import("./dialogs.tsx").then((m) => m.InviteDialog));
const VoiceChannel = lazy(() => import("./VoiceChannel.tsx").then((m) => m.VoiceChannel));

/** The channels of `guild`; `currentId` is the open one. */
export function ChannelList({ guild, currentId }: { guild: Guild; currentId: string | null }) {
  const dialog = useSignal<"none" | "channel" | "invite">("none");
  const close = () => (dialog.value = "none");
  const byPosition = [...guild.channels].sort((a, b) => a.position - b.position);
  const text = byPosition.filter((c) => c.type === "text");
  const voice = byPosition.filter((c) => c.type === "voice");
  const owner = me.value?.id === guild.ownerId;
  return (
    <>
      <div class="sidebar-head">
        <h2 title={guild.name}>{guild.name}</h2>
        <button
          type="button"
          class="icon-button"
          title={t("invitePeople")}
          onClick={() => (dialog.value = "invite")}
        >
          <Icon name="invite" />
          <span class="sr-only">{t("invitePeople")}</span>
        </button>
      </div>
      <nav class="sidebar-body" aria-label={t("channels")}>
        <div class="group-head">
          <h3>{t("textChannels")}</h3>
          {owner && (
            <button
              type="button"
              class="icon-button"
              aria-label={t("createChannel")}
              title={t("createChannel")}
              onClick={() => (dialog.value = "channel")}
            >
              <Icon name="plus" />
            </button>
          )}
        </div>
        <ChannelLinks channels={text} currentId={currentId} />
        {voice.length > 0 && (
          <div class="group-head">
            <h3>{t("voiceChannels")}</h3>
          </div>
        )}
        <ChannelLinks channels={voice} currentId={currentId} />
      </nav>
      {dialog.value === "channel" && <CreateChannelDialog guildId={guild.id} onClose={close} />}
      {dialog.value === "invite" && <InviteDialog guildId={guild.id} onClose={close} />}
    </>
  );
}

function ChannelLinks({ channels, currentId }: { channels: Channel[]; currentId: string | null }) {
  return (
    <ul class="nav-list">
      {channels.map((channel) => (
        <li key={channel.id}>
          <ChannelLink channel={channel} current={channel.id === currentId} />
          {channel.type === "voice" && <VoiceChannel channel={channel} />}
        </li>
      ))}
    </ul>
  );
}

function ChannelLink({ channel, current }: { channel: Channel; current: boolean }) {
  const info = unreadOf(channel.id);
  const descId = `chan-desc-${channel.id}`;
  const description = info.mentions > 0
    ? t("mentions", { count: info.mentions })
    : info.unread
    ? t("unreadDot")
    : "";
  return (
    <a
      class={`nav-link${info.unread && !current ? " unread" : ""}`}
      href={`#/channels/${channel.guildId}/${channel.id}`}
      aria-current={current ? "page" : undefined}
      aria-describedby={description ? descId : undefined}
      onClick={(event) => {
        event.preventDefault();
        drawer.value = "none";
        navigate({ kind: "guild", guildId: channel.guildId!, channelId: channel.id });
      }}
    >
      <span class="chan-icon" aria-hidden="true">
        {channel.type === "voice" ? <Icon name="speaker" /> : "#"}
      </span>
      <span class="name">{channel.name}</span>
      {info.mentions > 0 && <span class="badge" aria-hidden="true">{info.mentions}</span>}
      {description && <span id={descId} hidden>{description}</span>}
    </a>
  );
}
