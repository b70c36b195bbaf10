/**
 * English strings: the source of truth for every key. A string may hold
 * `{name}` placeholders; a plural entry holds one string per
 * `Intl.PluralRules` category (`other` is required).
 */

/** A string with one form per plural category. */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** The English dictionary; `ru.ts` must provide the same keys. */
export const en = {
  appName: "Chat",
  loading: "Loading…",
  welcome: "Welcome, {name}",
  welcomeHint: "Pick a server or a friend to start chatting.",
  skipToMessages: "Skip to messages",
  offline: "Offline",
  reconnecting: "Reconnecting…",

  servers: "Servers",
  home: "Home",
  createServer: "Create a server",
  serverName: "Server name",
  create: "Create",
  cancel: "Cancel",
  close: "Close",
  save: "Save",

  channels: "Channels",
  textChannels: "Text channels",
  voiceChannels: "Voice channels",
  createChannel: "Create channel",
  channelName: "Channel name",
  channelType: "Channel type",
  text: "Text",
  voice: "Voice",
  invitePeople: "Invite people",
  inviteLink: "Invite link",
  inviteHint: "Share this link to let people join the server.",
  copy: "Copy",
  copied: "Copied",
  unread: { one: "{count} unread message", other: "{count} unread messages" } as Plural,
  mentions: { one: "{count} mention", other: "{count} mentions" } as Plural,
  unreadDot: "Unread",

  directMessages: "Direct messages",
  friends: "Friends",
  tabOnline: "Online",
  tabAll: "All",
  tabPending: "Pending",
  tabAddFriend: "Add friend",
  username: "Username",
  sendFriendRequest: "Send friend request",
  addFriendHint: "You can add friends with their username.",
  friendRequestSent: "Friend request sent to {name}.",
  accept: "Accept",
  decline: "Decline",
  cancelRequest: "Cancel request",
  removeFriend: "Remove friend",
  sendMessage: "Message",
  incomingRequest: "Incoming friend request",
  outgoingRequest: "Outgoing friend request",
  noFriendsOnline: "No friends are online right now.",
  noFriends: "No friends yet. Add some with their username.",
  noPending: "No pending friend requests.",
  friendCount: { one: "{count} friend", other: "{count} friends" } as Plural,

  members: "Members",
  memberCount: { one: "{count} member", other: "{count} members" } as Plural,
  statusOnline: "Online",
  statusIdle: "Idle",
  statusDnd: "Do not disturb",
  statusOffline: "Offline",

  messagesIn: "Messages in #{channel}",
  messagesWith: "Messages with {user}",
  messageChannel: "Message #{channel}",
  messageUser: "Message @{user}",
  sending: "Sending…",
  failedToSend: "Failed to send",
  retry: "Retry",
  edited: "(edited)",
  editedAt: "Edited {time}",
  edit: "Edit",
  delete: "Delete",
  reply: "Reply",
  replyingTo: "Replying to {name}",
  cancelReply: "Cancel reply",
  editMessage: "Edit message",
  editHint: "Escape to cancel, Enter to save",
  pin: "Pin",
  unpin: "Unpin",
  pinned: "Pinned",
  pins: "Pinned messages",
  noPins: "This channel has no pinned messages yet.",
  addReaction: "Add reaction",
  reactionLabel: {
    one: "{emoji}: {count} reaction",
    other: "{emoji}: {count} reactions",
  } as Plural,
  emojiPicker: "Pick an emoji",
  beginningOf: "This is the beginning of #{channel}.",
  beginningWith: "This is the beginning of your conversation with {user}.",
  loadingOlder: "Loading older messages…",
  jumpToUnread: "Jump to first unread",
  jumpToPresent: "Jump to present",
  newMessages: "New messages",
  spoiler: "Spoiler",
  revealSpoiler: "Reveal spoiler",
  messageActions: "Message actions",
  noChannel: "This channel is not available.",

  typingOne: "{a} is typing…",
  typingTwo: "{a} and {b} are typing…",
  typingMany: "Several people are typing…",

  search: "Search",
  searchMessages: "Search messages",
  searchPlaceholder: "Words to find",
  searchResults: { one: "{count} result", other: "{count} results" } as Plural,
  searchNothing: "No messages match.",
  searchFailed: "Search failed: {reason}",

  userSettings: "User settings",
  theme: "Theme",
  themeSystem: "Follow system",
  dark: "Dark",
  light: "Light",
  language: "Language",
  languageAuto: "Browser default",
  notifications: "Notifications",
  enableNotifications: "Enable notifications",
  notificationsOn: "Notifications are on.",
  notificationsBlocked: "Notifications are blocked in this browser.",
  notificationsUnsupported: "This browser cannot show notifications.",
  notificationsFailed: "Could not turn notifications on: {reason}",
  silenceChannel: "Silence channel",
  serverNotifications: "Server notifications",
  silenceServer: "Silence {name}",
  everyoneIn: "Notify for @everyone in {name}",
  logOut: "Log out",

  openChannels: "Open channel list",
  openMembers: "Show members",
  closePanel: "Close panel",

  invitedTo: "You've been invited to join",
  join: "Join",
  joined: "Joined",
  inviteInvalid: "This invite is invalid or has expired.",
  openApp: "Open the app",

  somethingWrong: "Something went wrong: {reason}",

  joinVoice: "Join voice",
  leaveVoice: "Leave voice",
  voiceParticipants: "Voice participants",
  inTheCall: "In the call",
  voiceEmpty: "Nobody is here yet.",
  voiceMuted: "muted",
  voiceDeafened: "deafened",
  voiceSpeaking: "speaking",
  mute: "Mute",
  deafen: "Deafen",
  disconnect: "Disconnect",
  voiceSettings: "Voice settings",
  voiceConnected: "Voice connected",
  voiceConnecting: "Connecting to voice…",
  voiceReconnecting: "Reconnecting voice…",
  microphone: "Microphone",
  speaker: "Speaker",
  defaultDevice: "System default",
  deviceUnnamed: "Device {n}",
  microphoneFailed: "Cannot use the microphone: {reason}",
  unknownUser: "Unknown user",

  serverSettings: "Server settings",
  editChannel: "Edit channel {name}",
  memberActionsFor: "Actions for {name}",
  timedOutUntil: "You are timed out until {time}.",
  timedOutBadge: "timed out",
  cannotSend: "You cannot send messages in this channel.",
};

/** Every string key. */
export type Key = keyof typeof en;

/** The shape another locale's dictionary must have. */
export type Dictionary = { [K in Key]: (typeof en)[K] extends Plural ? Plural : string };
