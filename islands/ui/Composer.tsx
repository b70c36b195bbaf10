/**
 * The message composer: Enter sends, Shift+Enter adds a line. The text is
 * the channel's draft (kept by the state layer, so it survives reloads);
 * typing notifies the channel; a reply target shows above the box.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Channel } from "../../server/wire/types.ts";
import { formatDateTime, t } from "../i18n/mod.ts";
import {
  getDraft,
  guildOfChannel,
  sendMessage,
  setDraft,
  startTyping,
  stopTyping,
} from "../state/chat.ts";
import { channelPermissions, Permission, timeoutEnd } from "../state/moderation.ts";
import { channelTitle, userName } from "./names.ts";
import { attempt, replyTo, scrollToEndRequest } from "./uiState.ts";

/** The composer of `channel`. */
export function Composer({ channel }: { channel: Channel }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const draft = getDraft(channel.id);
  const reply = replyTo.value?.channelId === channel.id ? replyTo.value : null;
  const label = channel.type === "dm"
    ? t("messageUser", { user: channelTitle(channel) })
    : t("messageChannel", { channel: channel.name });

  const blocked = useBlocked(channel);

  useEffect(function focusOnChannelChange() {
    if (matchMedia("(min-width: 769px)").matches) ref.current?.focus();
  }, [channel.id]);
  useEffect(() => {
    if (reply) ref.current?.focus();
  }, [reply?.id]);

  function send() {
    if (blocked) return;
    const content = (ref.current?.value ?? draft).trim();
    if (content === "") return;
    setDraft(channel.id, "");
    if (ref.current) ref.current.value = "";
    stopTyping(channel.id);
    replyTo.value = null;
    scrollToEndRequest.value++;
    void attempt(() => sendMessage(channel.id, content, reply?.id));
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === "Escape" && reply) {
      event.stopPropagation();
      replyTo.value = null;
    }
  }

  function onInput(event: Event) {
    const value = (event.currentTarget as HTMLTextAreaElement).value;
    setDraft(channel.id, value);
    if (value.trim() !== "" && !value.startsWith("/")) startTyping(channel.id);
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {reply && (
        <div class="reply-bar">
          <span>{t("replyingTo", { name: userName(reply.author) })}</span>
          <button type="button" class="ghost" onClick={() => (replyTo.value = null)}>
            {t("cancelReply")}
          </button>
        </div>
      )}
      <div class="composer-box">
        <textarea
          ref={ref}
          id="composer"
          aria-label={label}
          placeholder={label}
          rows={1}
          maxLength={4000}
          value={draft}
          disabled={!!blocked}
          aria-describedby={blocked ? "composer-blocked" : undefined}
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
      </div>
      {blocked && <p id="composer-blocked" class="composer-blocked" role="status">{blocked}</p>}
    </form>
  );
}

/** setTimeout's longest delay; longer timeouts re-arm on waking. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Why the viewer cannot write here (a timeout, or no SEND_MESSAGES), or
 * null; re-renders when a timeout ends so the composer comes back by itself.
 */
function useBlocked(channel: Channel): string | null {
  const [tick, setTick] = useState(0);
  const guild = channel.guildId ? guildOfChannel(channel.id) : null;
  const end = guild ? timeoutEnd(guild.id) : null;
  useEffect(function wakeWhenTimeoutEnds() {
    if (end === null) return;
    const wait = Math.min(Math.max(0, end - Date.now()) + 100, MAX_TIMER_MS);
    const timer = setTimeout(() => setTick((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [end, tick]);
  if (!guild) return null;
  if (end !== null) {
    return t("timedOutUntil", { time: formatDateTime(new Date(end).toISOString()) });
  }
  const allowed = (channelPermissions(guild, channel) & Permission.SEND_MESSAGES) !== 0;
  return allowed ? null : t("cannotSend");
}
