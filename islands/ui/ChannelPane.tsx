/**
 * The message pane of a text channel or DM: header (name, topic, pins,
 * search, members), the virtualised log, the typing line and the composer.
 * Pins, search and the emoji picker load on demand.
 */
import { useSignal } from "@preact/signals";
import type { Channel, Guild } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { channelView, type ChatMessage, toggleReaction, typingIn } from "../state/chat.ts";
import { channelPermissions, Permission } from "../state/moderation.ts";
import { Composer } from "./Composer.tsx";
import { Icon, type IconName } from "./Icon.tsx";
import { lazy } from "./lazy.ts";
import { MessageList } from "./MessageList.tsx";
import { channelTitle, userName } from "./names.ts";
import { PaneHead } from "./PaneHead.tsx";
import { attempt, panel } from "./uiState.ts";

const EmojiPicker = lazy(() => import("./EmojiPicker.tsx").then((m) => m.EmojiPicker));
const PinsPanel = lazy(() => import("./PinsPanel.tsx").then((m) => m.PinsPanel));
const SearchPanel = lazy(() => import("./SearchPanel.tsx").then((m) => m.SearchPanel));
const MuteChannelButton = lazy(() =>
  import("./NotificationToggles.tsx").then((m) => m.MuteChannelButton)
);

/** Props of {@link ChannelPane}. */
export interface ChannelPaneProps {
  channel: Channel;
  guild: Guild | null;
}

/** The open channel. */
export function ChannelPane({ channel, guild }: ChannelPaneProps) {
  const view = channelView(channel.id).value;
  const reacting = useSignal<ChatMessage | null>(null);
  // MANAGE_MESSAGES moderates (delete others' messages, pin); in a DM either side may pin.
  const moderator = guild
    ? (channelPermissions(guild, channel) & Permission.MANAGE_MESSAGES) !== 0
    : true;
  const title = channel.type === "dm" ? `@${channelTitle(channel)}` : `#${channel.name}`;
  return (
    <>
      <PaneHead title={title} topic={channel.topic} showMembers={!!guild}>
        <ToolButton name="pins" label={t("pins")} icon="pin" />
        {guild && <ToolButton name="search" label={t("search")} icon="search" />}
        <MuteChannelButton channelId={channel.id} />
      </PaneHead>
      <div class="pane-body">
        <div class="pane-col">
          <MessageList
            key={channel.id}
            channel={channel}
            view={view}
            moderator={moderator}
            onReact={(message) => (reacting.value = message)}
          />
          <Composer channel={channel} />
          <TypingLine channelId={channel.id} />
        </div>
        {panel.value === "pins" && <PinsPanel channel={channel} />}
        {panel.value === "search" && guild && <SearchPanel guild={guild} />}
      </div>
      {reacting.value && (
        <EmojiPicker
          onPick={(emoji) => {
            const message = reacting.peek()!;
            void attempt(() => toggleReaction(message.channelId, message.id, emoji));
          }}
          onClose={() => (reacting.value = null)}
        />
      )}
    </>
  );
}

function ToolButton(
  { name, label, icon }: { name: "pins" | "search"; label: string; icon: IconName },
) {
  const open = panel.value === name;
  return (
    <button
      type="button"
      class="icon-button"
      aria-label={label}
      title={label}
      aria-pressed={open}
      onClick={() => (panel.value = open ? "none" : name)}
    >
      <Icon name={icon} />
    </button>
  );
}

/** "alice is typing…", announced politely. */
function TypingLine({ channelId }: { channelId: string }) {
  const names = typingIn(channelId).map((entry) => entry.user ? userName(entry.user) : "…");
  const text = names.length === 0
    ? ""
    : names.length === 1
    ? t("typingOne", { a: names[0] })
    : names.length === 2
    ? t("typingTwo", { a: names[0], b: names[1] })
    : t("typingMany");
  return <div class="typing" aria-live="polite">{text}</div>;
}
