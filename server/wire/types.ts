/**
 * Wire types shared by the server, the islands and the service worker.
 *
 * Plain TypeScript only: this module must stay free of runtime
 * dependencies so every bundle can import it at no cost.
 */

/** A user as the user themself sees it (includes their e-mail). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string;
  locale: Locale;
  avatar: string | null;
  createdAt: string;
}

/** A user as anyone else sees it: never an e-mail or a password hash. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  avatar: string | null;
}

/** The locales the product speaks. */
export type Locale = "en" | "ru";

/** `POST /auth/register` and `POST /auth/login` answer with this. */
export interface AuthResponse {
  user: User;
  accessToken: string;
}

/** An RFC 9457 problem document, as every error is rendered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  requestId?: string;
}

/** Kinds of channel: guild text and voice channels, and direct messages. */
export type ChannelType = "text" | "voice" | "dm";

/** A channel of a guild, or a DM channel (guildId null, recipients set). */
export interface Channel {
  id: string;
  type: ChannelType;
  guildId: string | null;
  name: string;
  topic: string | null;
  position: number;
  /** The other participants of a DM (never the viewer); absent for guild channels. */
  recipients?: PublicUser[];
  /** Newest message id, for unread badges; null when empty. */
  lastMessageId: string | null;
  createdAt: string;
  /**
   * Per-channel permission overwrites: present (possibly empty) on guild
   * channels, absent on DMs.
   */
  overwrites?: PermissionOverwrite[];
}

/**
 * A channel's allow/deny for one role (`id` a role id; the guild id is
 * `@everyone`) or one member (`id` a user id). Bitfields as decimal strings.
 */
export interface PermissionOverwrite {
  id: string;
  type: "role" | "member";
  allow: string;
  deny: string;
}

/** A role of a guild; `permissions` is a bitfield as a decimal string. */
export interface Role {
  id: string;
  name: string;
  color: number;
  position: number;
  permissions: string;
}

/** A guild ("server") with its channels and roles. */
export interface Guild {
  id: string;
  name: string;
  ownerId: string;
  icon: string | null;
  createdAt: string;
  channels: Channel[];
  roles: Role[];
  memberCount: number;
  /**
   * The viewer's effective guild-level permissions (roles and ownership,
   * no channel overwrites), a decimal bitfield. `channels` lists only the
   * channels the viewer may see.
   */
  permissions: string;
}

/** A ban as those with BAN_MEMBERS see it in `GET /guilds/:id/bans`. */
export interface Ban {
  user: PublicUser;
  reason: string | null;
  createdAt: string;
}

/** Every action an audit log entry may record. */
export const AUDIT_ACTIONS = [
  "guild_update",
  "channel_create",
  "channel_update",
  "channel_delete",
  "channel_overwrite_update",
  "channel_overwrite_delete",
  "role_create",
  "role_update",
  "role_delete",
  "member_kick",
  "member_ban_add",
  "member_ban_remove",
  "member_update",
  "member_role_update",
  "member_timeout",
  "message_delete",
  "message_bulk_delete",
  "message_pin",
  "message_unpin",
  "invite_create",
] as const;

/** What an audit log entry records. */
export type AuditAction = typeof AUDIT_ACTIONS[number];

/** One changed field of an audit log entry. */
export interface AuditChange {
  key: string;
  old?: unknown;
  new?: unknown;
}

/**
 * One moderation or settings action: who (`actorId`, `actor`) did what to
 * which target (a user, role, channel, message or invite code, by id), why
 * and when.
 */
export interface AuditEntry {
  id: string;
  guildId: string;
  actorId: string;
  actor: PublicUser;
  action: AuditAction;
  targetId: string | null;
  /** The target's profile when the target is a user; null otherwise. */
  target: PublicUser | null;
  reason: string | null;
  changes: AuditChange[];
  createdAt: string;
}

/** What a user shows as: online, idle, do not disturb, or offline. */
export type PresenceStatus = "online" | "idle" | "dnd" | "offline";

/** A user's presence; `invisible` users are shown as offline. */
export interface Presence {
  userId: string;
  status: PresenceStatus;
}

/** A member of a guild. */
export interface Member {
  guildId: string;
  user: PublicUser;
  nick: string | null;
  roleIds: string[];
  joinedAt: string;
  timeoutUntil: string | null;
  status: PresenceStatus;
}

/** An invite as its creator sees it. */
export interface Invite {
  code: string;
  guildId: string;
  inviterId: string;
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
  createdAt: string;
}

/** What anyone holding an invite code may see before joining. */
export interface InvitePreview {
  code: string;
  guild: { id: string; name: string; icon: string | null };
  memberCount: number;
  expiresAt: string | null;
}

/** A file attached to a message. */
export interface Attachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  url: string;
}

/** One emoji's reactions on a message, from the viewer's point of view. */
export interface Reaction {
  emoji: string;
  count: number;
  me: boolean;
}

/** A chat message. */
export interface Message {
  id: string;
  channelId: string;
  guildId?: string;
  author: PublicUser;
  content: string;
  nonce: string;
  /** Only on replies; null when the message replied to is gone. */
  replyTo?: { id: string; author: PublicUser; content: string } | null;
  /** Ids of the users mentioned with `@username`. */
  mentions: string[];
  /** Present (true) only when `@everyone` took effect. */
  mentionEveryone?: boolean;
  reactions: Reaction[];
  attachments: Attachment[];
  pinned: boolean;
  /** Only once the message was edited. */
  editedAt?: string | null;
  createdAt: string;
}

/** `GET /guilds/:id/messages/search` answers with this. */
export interface SearchResult {
  total: number;
  messages: Message[];
}

/** How another user relates to the viewer. */
export type RelationshipType = "friend" | "incoming" | "outgoing" | "blocked";

/** A relationship with another user. */
export interface Relationship {
  user: PublicUser;
  type: RelationshipType;
}

/** Where a user has read up to in a channel; follows them to every device. */
export interface ReadState {
  channelId: string;
  lastReadId: string | null;
  /** Messages mentioning the user after `lastReadId`. */
  mentionCount: number;
}

/** Who is in which voice channel, and how. */
export interface VoiceState {
  userId: string;
  guildId: string;
  channelId: string;
  muted: boolean;
  deafened: boolean;
}

/**
 * The `VOICE_STATE_UPDATE` payload: the new state, or on leave the user
 * with `channelId: null` (and `muted`/`deafened` false).
 */
export type VoiceStateEvent = Omit<VoiceState, "channelId"> & { channelId: string | null };

/** An ICE server as `RTCPeerConnection` takes it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * `POST /channels/:id/voice` answers with this. LiveKit: connect to `url`
 * with `token`. Mesh: `sessionId` names this join in voice signals, and
 * `participants` is everyone in the channel now, the joiner included.
 */
export type VoiceJoinResponse =
  | { mode: "livekit"; url: string; token: string }
  | { mode: "mesh"; iceServers: IceServer[]; sessionId: string; participants: VoiceState[] };

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it. */
export interface VoiceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/**
 * What a `voice_signal` carries: an SDP offer or answer (at most 10 KiB),
 * or one ICE candidate (null: the end of candidates). The server checks
 * the shape and relays it as is.
 */
export type VoiceSignalData =
  | { type: "offer" | "answer"; sdp: string }
  | { type: "candidate"; candidate: VoiceCandidate | null };

/** The gateway's `ready` payload: all a client needs to render. */
export interface ReadyPayload {
  sessionId: string;
  user: User;
  guilds: Guild[];
  dms: Channel[];
  relationships: Relationship[];
  readStates: ReadState[];
  presences: Presence[];
  voiceStates: VoiceState[];
}

/** Dispatch event names (`t` of a dispatch frame). */
export type EventName =
  | "MESSAGE_CREATE"
  | "MESSAGE_UPDATE"
  | "MESSAGE_DELETE"
  | "MESSAGE_REACTION_ADD"
  | "MESSAGE_REACTION_REMOVE"
  | "CHANNEL_PINS_UPDATE"
  | "TYPING_START"
  | "PRESENCE_UPDATE"
  | "CHANNEL_CREATE"
  | "CHANNEL_UPDATE"
  | "CHANNEL_DELETE"
  | "GUILD_CREATE"
  | "GUILD_UPDATE"
  | "GUILD_DELETE"
  | "GUILD_MEMBER_ADD"
  | "GUILD_MEMBER_UPDATE"
  | "GUILD_MEMBER_REMOVE"
  | "RELATIONSHIP_ADD"
  | "RELATIONSHIP_REMOVE"
  | "VOICE_STATE_UPDATE"
  | "READ_STATE_UPDATE"
  | "USER_UPDATE"
  /** `{guildId, role}` */
  | "GUILD_ROLE_CREATE"
  /** `{guildId, role}` */
  | "GUILD_ROLE_UPDATE"
  /** `{guildId, roleId}` */
  | "GUILD_ROLE_DELETE";

/** Frames the server sends. */
export type ServerFrame =
  | { op: "hello"; d: { heartbeatInterval: number } }
  | { op: "ready"; d: ReadyPayload }
  | { op: "resumed"; d: { replayed: number } }
  | { op: "invalid_session"; d: { reason: string } }
  | { op: "heartbeat_ack" }
  | { op: "dispatch"; t: EventName; s: number; d: unknown }
  /** A relayed signal: `from` the user whose voice session `sessionId` sent it. */
  | { op: "voice_signal"; d: { from: string; sessionId: string; data: VoiceSignalData } }
  | { op: "error"; d: { code: string; message: string } };

/** Frames a client sends. */
export type ClientFrame =
  | { op: "identify"; d: { token: string } }
  | { op: "resume"; d: { token: string; sessionId: string; seq: number } }
  | { op: "heartbeat"; d: number | null }
  | { op: "presence_update"; d: { status: "online" | "idle" | "dnd" | "invisible" } }
  /** Whether the app is in front of the user here: pushes skip users with a focused client. */
  | { op: "focus"; d: { focused: boolean } }
  /** `sessionId`: the sender's voice session (from the join response). */
  | { op: "voice_signal"; d: { to: string; sessionId: string; data: VoiceSignalData } };

/** Gateway close codes. */
export const CloseCode = {
  badPayload: 4001,
  notAuthenticated: 4003,
  authFailed: 4004,
  rateLimited: 4008,
  sessionTimedOut: 4009,
} as const;
