/**
 * One message as an `<article>`: author and time (unless grouped under the
 * previous one), the quoted reply, the markdown text, reactions, its send
 * state, and the actions (reply, react, edit, delete, pin) shown on hover
 * or keyboard focus. Editing happens in place; Escape cancels.
 */
import { formatDateTime, formatTime, t } from "../i18n/mod.ts";
import {
  type ChatMessage,
  deleteMessage,
  discardSend,
  guilds,
  retrySend,
  setPinned,
  toggleReaction,
} from "../state/chat.ts";
import { Avatar } from "./Avatar.tsx";
import { EditBox } from "./EditBox.tsx";
import { Icon, type IconName } from "./Icon.tsx";
import { Markdown } from "./markdown/Markdown.tsx";
import { MemberActionsButton } from "./MemberActionsButton.tsx";
import { roleColorOf } from "../state/moderation.ts";
import { userName } from "./names.ts";
import { attempt, editingId, replyTo } from "./uiState.ts";

/** Props of {@link MessageItem}. */
export interface MessageItemProps {
  message: ChatMessage;
  /** Starts a group: shows avatar, name and time. */
  head: boolean;
  /** The viewer: their own messages can be edited, their mentions highlighted. */
  meId: string;
  meUsername: string;
  /** The viewer may delete anyone's messages and pin (guild owner, or a DM). */
  moderator: boolean;
  onReact: (message: ChatMessage) => void;
}

/** A message article. */
export function MessageItem(
  { message, head, meId, meUsername, moderator, onReact }: MessageItemProps,
) {
  const mine = message.author.id === meId;
  const sent = !message.state;
  const mentioned = message.mentionEveryone || message.mentions.includes(meId);
  const editing = editingId.value === message.id && sent;
  const name = userName(message.author);
  const colour = roleColorOf(message.guildId, message.author.id);
  const guild = message.guildId && !mine ? guilds.value.get(message.guildId) : undefined;
  const classes = [
    "msg",
    head ? "head" : "",
    mentioned ? "mentioned" : "",
    message.state === "failed" ? "failed" : "",
  ];
  return (
    <article
      class={classes.filter(Boolean).join(" ")}
      aria-busy={message.state === "sending" ? "true" : undefined}
      data-id={message.id}
    >
      {message.replyTo && (
        <div class="reply-ref">
          <span class="author">@{userName(message.replyTo.author)}</span>
          <span class="quoted" dir="auto">{message.replyTo.content}</span>
        </div>
      )}
      <div class="gutter">
        {head
          ? <Avatar id={message.author.id} name={name} />
          : <time class="stamp" dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>}
      </div>
      <div class="body">
        {head
          ? (
            <div class="msg-meta">
              <span class="author" style={colour ? { color: colour } : undefined}>{name}</span>
              <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
                {formatDateTime(message.createdAt)}
              </time>
              {message.pinned && <span class="pin-flag">{t("pinned")}</span>}
            </div>
          )
          : <span class="sr-only">{name}</span>}
        {editing ? <EditBox message={message} /> : (
          <div class="text" dir="auto">
            <Markdown content={message.content} me={meUsername} />
            {message.editedAt && (
              <span class="edited" title={formatDateTime(message.editedAt)}>{t("edited")}</span>
            )}
          </div>
        )}
        {message.reactions.length > 0 && <Reactions message={message} />}
        {!sent && <SendState message={message} />}
      </div>
      {sent && !editing && (
        <div class="msg-actions" role="group" aria-label={t("messageActions")}>
          <ActionButton label={t("reply")} onClick={() => (replyTo.value = message)} icon="reply" />
          <ActionButton label={t("addReaction")} onClick={() => onReact(message)} icon="smile" />
          {moderator && (
            <ActionButton
              label={message.pinned ? t("unpin") : t("pin")}
              onClick={() =>
                attempt(() => setPinned(message.channelId, message.id, !message.pinned))}
              icon="pin"
            />
          )}
          {mine && (
            <ActionButton
              label={t("edit")}
              onClick={() => (editingId.value = message.id)}
              icon="edit"
            />
          )}
          {(mine || moderator) && (
            <ActionButton
              label={t("delete")}
              onClick={() => attempt(() => deleteMessage(message.channelId, message.id))}
              icon="trash"
            />
          )}
          {guild && <MemberActionsButton guild={guild} userId={message.author.id} name={name} />}
        </div>
      )}
    </article>
  );
}

function ActionButton(
  { label, onClick, icon }: { label: string; onClick: () => void; icon: IconName },
) {
  return (
    <button type="button" aria-label={label} title={label} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );
}

function Reactions({ message }: { message: ChatMessage }) {
  return (
    <div class="reactions">
      {message.reactions.map((reaction) => (
        <button
          key={reaction.emoji}
          type="button"
          class="chip"
          aria-pressed={reaction.me}
          aria-label={t("reactionLabel", { emoji: reaction.emoji, count: reaction.count })}
          onClick={() =>
            attempt(() => toggleReaction(message.channelId, message.id, reaction.emoji))}
        >
          <span aria-hidden="true">{reaction.emoji}</span>
          <span aria-hidden="true">{reaction.count}</span>
        </button>
      ))}
    </div>
  );
}

function SendState({ message }: { message: ChatMessage }) {
  if (message.state === "sending") return <div class="send-state">{t("sending")}</div>;
  return (
    <div class="send-state">
      <span title={message.error}>{t("failedToSend")}</span>
      <button type="button" onClick={() => retrySend(message.nonce)}>{t("retry")}</button>
      <button type="button" class="ghost" onClick={() => discardSend(message.nonce)}>
        {t("delete")}
      </button>
    </div>
  );
}
