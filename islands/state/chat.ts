// STATE-API-READY
/**
 * The chat state API the UI codes against. Components read the exported
 * signals (read-only) and call the actions; only actions do I/O (REST in
 * `islands/net/`, the IndexedDB cache in `islands/db/`, the gateway).
 *
 * Lifecycle: the App root loads the session (`loadSession` in
 * `./session.ts`, which falls back to the cached user offline), then calls
 * {@link start} with the user; {@link stop} on logout.
 *
 * Signals (all `ReadonlySignal`):
 * - route: {@link route} (+ {@link navigate}, {@link parseRoute}, {@link formatRoute})
 * - me, guilds, guildList, dms, relationships, presences, members, users,
 *   typing, pendingIncoming (./social.ts)
 * - readStates, dmMentions (+ unreadOf, guildUnread) (./readstate.ts)
 * - connection, isOffline (./connection.ts)
 * - theme, effectiveTheme, locale, localeChosen (./prefs.ts)
 * - channelView(channelId) per channel (./messages.ts)
 */
export * from "./route.ts";
export * from "./social.ts";
export * from "./readstate.ts";
export * from "./connection.ts";
export * from "./prefs.ts";
export * from "./drafts.ts";
export {
  type ChannelView,
  channelView,
  type ChatMessage,
  deleteMessage,
  editMessage,
  listPins,
  loadOlder,
  openChannel,
  search,
  type SendState,
  sendStateOf,
  setPinned,
  startTyping,
  stopTyping,
  toggleReaction,
} from "./messages.ts";
export { discardSend, outbox, retrySend, sendMessage } from "./outbox.ts";
export { logOut, start, stop } from "./lifecycle.ts";
export {
  currentUser,
  lastUser,
  loadSession,
  sessionError,
  sessionFromCache,
  type SessionLoad,
} from "./session.ts";
