/**
 * The message composer: Enter sends, Shift+Enter adds a line. The text is
 * the channel's draft (kept by the state layer, so it survives reloads);
 * typing notifies the channel; a reply target shows above the box.
 */
import { useEffect, useRef } from "preact/hooks";
import type { Channel } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { getDraft, sendMessage, setDraft, startTyping, stopTyping } from "../state/chat.ts";
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

  useEffect(function focusOnChannelChange() {
    if (matchMedia("(min-width: 769px)").matches) ref.current?.focus();
  }, [channel.id]);
  useEffect(() => {
    if (reply) ref.current?.focus();
  }, [reply?.id]);

  function send() {
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
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
      </div>
    </form>
  );
}
