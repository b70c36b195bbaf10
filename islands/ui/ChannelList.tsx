/** The guild sidebar: `nav` "Channels" with text and voice channels, unread and mention badges. */
import { useSignal } from "@preact/signals";
import type { Channel, Guild } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { navigate, unreadOf } from "../state/chat.ts";
import { can, canOpenServerSettings, channelPermissions, Permission } from "../state/moderation.ts";
import { Icon } from "./Icon.tsx";
import { lazy } from "./lazy.ts";
import { unreadDescription } from "./names.ts";
import { drawer } from "./uiState.ts";

const CreateChannelDialog = lazy(() => import("./dialogs.tsx").then((m) => m.CreateChannelDialog));
const InviteDialog = lazy(() => import("./dialogs.tsx").then((m) => m.InviteDialog));
const VoiceChannel = lazy(() => import("./VoiceChannel.tsx").then((m) => m.VoiceChannel));
const ServerSettings = lazy(() => import("./ServerSettings.tsx").then((m) => m.ServerSettings));
const ChannelSettings = lazy(() => import("./ChannelSettings.tsx").then((m) => m.ChannelSettings));

/** The channels of `guild`; `currentId` is the open one. */
export function ChannelList({ guild, currentId }: { guild: Guild; currentId: string | null }) {
  const dialog = useSignal<"none" | "channel" | "invite" | "settings">("none");
  const editing = useSignal<string | null>(null);
  const close = () => (dialog.value = "none");
  const byPosition = [...guild.channels].sort((a, b) => a.position - b.position);
  const text = byPosition.filter((c) => c.type === "text");
  const voice = byPosition.filter((c) => c.type === "voice");
  const owner = can(guild, Permission.MANAGE_CHANNELS);
  const onEdit = (channelId: string) => (editing.value = channelId);
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
        {canOpenServerSettings(guild) && (
          <button
            type="button"
            class="icon-button"
            aria-label={t("serverSettings")}
            title={t("serverSettings")}
            onClick={() => (dialog.value = "settings")}
          >
            <Icon name="gear" />
          </button>
        )}
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
        <ChannelLinks channels={text} currentId={currentId} guild={guild} onEdit={onEdit} />
        {voice.length > 0 && (
          <div class="group-head">
            <h3>{t("voiceChannels")}</h3>
          </div>
        )}
        <ChannelLinks channels={voice} currentId={currentId} guild={guild} onEdit={onEdit} />
      </nav>
      {dialog.value === "channel" && <CreateChannelDialog guildId={guild.id} onClose={close} />}
      {dialog.value === "invite" && <InviteDialog guildId={guild.id} onClose={close} />}
      {dialog.value === "settings" && <ServerSettings guildId={guild.id} onClose={close} />}
      {editing.value && (
        <ChannelSettings channelId={editing.value} onClose={() => (editing.value = null)} />
      )}
    </>
  );
}

/** Channel managers may edit a channel's name, topic and permissions. */
const EDIT_BITS = Permission.MANAGE_CHANNELS | Permission.MANAGE_ROLES;

function ChannelLinks(
  { channels, currentId, guild, onEdit }: {
    channels: Channel[];
    currentId: string | null;
    guild: Guild;
    onEdit: (channelId: string) => void;
  },
) {
  return (
    <ul class="nav-list">
      {channels.map((channel) => (
        <li key={channel.id} class="channel-item">
          <ChannelLink channel={channel} current={channel.id === currentId} />
          {(channelPermissions(guild, channel) & EDIT_BITS) !== 0 && (
            <EditButton channel={channel} onEdit={onEdit} />
          )}
          {channel.type === "voice" && <VoiceChannel channel={channel} />}
        </li>
      ))}
    </ul>
  );
}

function EditButton(
  { channel, onEdit }: { channel: Channel; onEdit: (channelId: string) => void },
) {
  const label = t("editChannel", {
    name: channel.type === "text" ? `#${channel.name}` : channel.name,
  });
  return (
    <button
      type="button"
      class="icon-button channel-edit"
      aria-label={label}
      title={label}
      onClick={() => onEdit(channel.id)}
    >
      <Icon name="gear" />
    </button>
  );
}

function ChannelLink({ channel, current }: { channel: Channel; current: boolean }) {
  const info = unreadOf(channel.id);
  const descId = `chan-desc-${channel.id}`;
  const description = unreadDescription(info);
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
