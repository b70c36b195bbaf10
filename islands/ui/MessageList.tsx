/**
 * The message log of one channel, virtualised with `@tanstack/virtual-core`
 * so 10,000 messages cost only the rows on screen. It opens at the newest
 * message, follows new ones while at the bottom, keeps the reader's place
 * when older pages are prepended (anchored to the end), loads older history
 * when scrolled near the top, and acknowledges what was read.
 */
import { useSignalEffect } from "@preact/signals";
import { useCallback, useEffect, useMemo, useRef } from "preact/hooks";
import type { Channel } from "../../server/wire/types.ts";
import { currentLocale, dayKey, formatDay, t } from "../i18n/mod.ts";
import { ack, type ChannelView, type ChatMessage, loadOlder, me } from "../state/chat.ts";
import { channelTitle } from "./names.ts";
import { MessageItem } from "./MessageItem.tsx";
import { scrollToEndRequest } from "./uiState.ts";
import { useVirtualizer } from "./useVirtualizer.ts";

/** Messages by one author closer together than this share a header. */
const GROUP_MS = 7 * 60 * 1000;

/** Props of {@link MessageList}. */
export interface MessageListProps {
  channel: Channel;
  view: ChannelView;
  moderator: boolean;
  onReact: (message: ChatMessage) => void;
}

interface Row {
  /** The virtualizer's key: see {@link rowKey}. */
  key: string;
  message: ChatMessage;
  head: boolean;
  day: string | null;
  unreadMarker: boolean;
}

/** The `log` "Messages in #channel" / "Messages with user". */
export function MessageList({ channel, view, moderator, onReact }: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const lang = currentLocale();
  const rows = useMemo(() => toRows(view.messages, view.firstUnreadId), [
    view.messages,
    view.firstUnreadId,
    lang,
  ]);
  const count = rows.length + 1; // row 0: the start of the channel, or "loading older"
  // A new getItemKey makes the virtualizer re-lay out every row: keep it until the rows change.
  const getItemKey = useCallback((index: number) => index === 0 ? "top" : rows[index - 1].key, [
    rows,
  ]);
  const estimateSize = useCallback(
    (index: number) => index === 0 ? 120 : rows[index - 1]?.head ? 68 : 26,
    [rows],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan: 8,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: 48,
  });
  const items = virtualizer.getVirtualItems();
  const self = me.value;

  useEffect(function startAtNewest() {
    if (count > 1) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [channel.id, view.ready]);

  useSignalEffect(function scrollOnRequest() {
    if (scrollToEndRequest.value > 0) virtualizer.scrollToEnd();
  });

  const firstVisible = items[0]?.index ?? 0;
  useEffect(function loadOlderNearTop() {
    if (view.ready && view.hasMore && !view.loading && firstVisible <= 3 && count > 1) {
      void loadOlder(channel.id);
    }
  }, [firstVisible, view.ready, view.hasMore, view.loading, count]);

  const newest = view.messages.findLast((m) => !m.state);
  const atEnd = virtualizer.isAtEnd(48);
  useEffect(function acknowledgeWhenSeen() {
    if (newest && atEnd && document.visibilityState === "visible") void ack(channel.id, newest.id);
  }, [newest?.id, atEnd]);

  const label = channel.type === "dm"
    ? t("messagesWith", { user: channelTitle(channel) })
    : t("messagesIn", { channel: channel.name });
  return (
    <>
      <div ref={scroller} class="scroller" role="log" aria-label={label} tabIndex={0}>
        <div class="log" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => (
            <div
              key={item.key}
              class="row"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {item.index === 0 ? <LogTop channel={channel} view={view} /> : (
                <RowView
                  row={rows[item.index - 1]}
                  meId={self?.id ?? ""}
                  meUsername={self?.username ?? ""}
                  moderator={moderator}
                  onReact={onReact}
                />
              )}
            </div>
          ))}
        </div>
      </div>
      <JumpBars
        view={view}
        rows={rows}
        firstVisible={firstVisible}
        atEnd={atEnd}
        onJump={(index) => virtualizer.scrollToIndex(index + 1, { align: "start" })}
        onPresent={() => virtualizer.scrollToEnd()}
      />
    </>
  );
}

function RowView(
  props: { row: Row } & Omit<Parameters<typeof MessageItem>[0], "message" | "head">,
) {
  const { row, ...rest } = props;
  return (
    <>
      {row.day && <div class="day" role="separator" aria-label={row.day}>{row.day}</div>}
      {row.unreadMarker && <div class="new-marker" role="separator">{t("newMessages")}</div>}
      <MessageItem message={row.message} head={row.head} {...rest} />
    </>
  );
}

function LogTop({ channel, view }: { channel: Channel; view: ChannelView }) {
  if (view.hasMore || !view.ready) return <p class="log-top">{t("loadingOlder")}</p>;
  return (
    <div class="log-top">
      <h2>{channel.type === "dm" ? channelTitle(channel) : `#${channel.name}`}</h2>
      <p>
        {channel.type === "dm"
          ? t("beginningWith", { user: channelTitle(channel) })
          : t("beginningOf", { channel: channel.name })}
      </p>
    </div>
  );
}

interface JumpProps {
  view: ChannelView;
  rows: Row[];
  firstVisible: number;
  atEnd: boolean;
  onJump: (index: number) => void;
  onPresent: () => void;
}

function JumpBars({ view, rows, firstVisible, atEnd, onJump, onPresent }: JumpProps) {
  const unreadIndex = view.firstUnreadId
    ? rows.findIndex((r) => r.message.id === view.firstUnreadId)
    : -1;
  const showUnread = unreadIndex >= 0 && unreadIndex + 1 < firstVisible;
  return (
    <>
      {showUnread && (
        <div class="jump">
          <span>{t("newMessages")}</span>
          <button type="button" onClick={() => onJump(unreadIndex)}>{t("jumpToUnread")}</button>
        </div>
      )}
      {!atEnd && rows.length > 0 && (
        <button type="button" class="to-present primary" onClick={onPresent}>
          {t("jumpToPresent")}
        </button>
      )}
    </>
  );
}

/** Stable across the pending → sent switch (same nonce), so the row does not jump. */
function rowKey(message: ChatMessage): string {
  return `${message.author.id}:${message.nonce || message.id}`;
}

/** A message's local day and time, kept per message object: rows are rebuilt on every page. */
const dates = new WeakMap<ChatMessage, { day: string; time: number }>();

function dateOf(message: ChatMessage): { day: string; time: number } {
  let date = dates.get(message);
  if (!date) {
    date = { day: dayKey(message.createdAt), time: Date.parse(message.createdAt) };
    dates.set(message, date);
  }
  return date;
}

function toRows(messages: readonly ChatMessage[], firstUnreadId: string | null): Row[] {
  const rows: Row[] = [];
  let prev: ChatMessage | null = null;
  let prevDate: { day: string; time: number } | null = null;
  for (const message of messages) {
    const date = dateOf(message);
    const newDay = !prev || prevDate!.day !== date.day;
    const unreadMarker = message.id === firstUnreadId;
    const head = newDay || unreadMarker || !prev || prev.author.id !== message.author.id ||
      !!message.replyTo || date.time - prevDate!.time > GROUP_MS;
    rows.push({
      key: rowKey(message),
      message,
      head,
      day: newDay ? formatDay(message.createdAt) : null,
      unreadMarker,
    });
    prev = message;
    prevDate = date;
  }
  return rows;
}
