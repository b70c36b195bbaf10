/**
 * The storage port: one repository per aggregate. Every adapter (Deno KV,
 * MongoDB) implements all of it and passes the one contract suite in
 * `tests/contract/`.
 */
import type { AuditLogRepo } from "./audit_log.ts";
import type { ChannelRepo } from "./channels.ts";
import type { FocusRepo } from "./focus.ts";
import type { GuildRepo } from "./guilds.ts";
import type { InviteRepo } from "./invites.ts";
import type { JobRepo } from "./jobs.ts";
import type { MemberRepo } from "./members.ts";
import type { MessageRepo } from "./messages.ts";
import type { NotificationSettingsRepo } from "./notification_settings.ts";
import type { PushSubscriptionRepo } from "./push_subscriptions.ts";
import type { ReadStateRepo } from "./read_states.ts";
import type { RelationshipRepo } from "./relationships.ts";
import type { ResetTokenRepo } from "./resets.ts";
import type { SecretRepo } from "./secrets.ts";
import type { SessionRepo } from "./sessions.ts";
import type { UserRepo } from "./users.ts";
import type { VoiceStateRepo } from "./voice_states.ts";

export type { AuditChangeRecord, AuditEntryRecord, AuditLogRepo, AuditQuery } from "./audit_log.ts";
export type { ChannelOverwrite, ChannelRecord, ChannelRepo } from "./channels.ts";
export type { FocusRepo } from "./focus.ts";
export type { GuildRecord, GuildRepo, RoleRecord } from "./guilds.ts";
export type { InviteRecord, InviteRepo, InviteUse } from "./invites.ts";
export type { JobRecord, JobRepo } from "./jobs.ts";
export type { BanRecord, MemberRecord, MemberRepo } from "./members.ts";
export type { HistoryQuery, MessageRecord, MessageRepo, SearchQuery } from "./messages.ts";
export type {
  NotificationSettingsRecord,
  NotificationSettingsRepo,
} from "./notification_settings.ts";
export type { PushSubscriptionRecord, PushSubscriptionRepo } from "./push_subscriptions.ts";
export type { ReadStateRecord, ReadStateRepo } from "./read_states.ts";
export type { RelationshipRecord, RelationshipRepo } from "./relationships.ts";
export type { ResetTokenRecord, ResetTokenRepo } from "./resets.ts";
export type { SecretRepo } from "./secrets.ts";
export type {
  RefreshTokenRecord,
  RotateResult,
  SessionFamilyRecord,
  SessionRepo,
} from "./sessions.ts";
export type { UserPatch, UserRecord, UserRepo } from "./users.ts";
export type {
  VoiceJoinResult,
  VoiceStateMatch,
  VoiceStateRecord,
  VoiceStateRepo,
} from "./voice_states.ts";

/** Everything the services persist. */
export interface Store {
  /** Which adapter this is, for logs and health output. */
  readonly kind: "kv" | "mongodb";
  users: UserRepo;
  sessions: SessionRepo;
  secrets: SecretRepo;
  resets: ResetTokenRepo;
  guilds: GuildRepo;
  channels: ChannelRepo;
  members: MemberRepo;
  invites: InviteRepo;
  messages: MessageRepo;
  readStates: ReadStateRepo;
  relationships: RelationshipRepo;
  pushSubscriptions: PushSubscriptionRepo;
  notificationSettings: NotificationSettingsRepo;
  /** Durable background work (push delivery). */
  jobs: JobRepo;
  /** Who has a focused client, across instances. */
  focus: FocusRepo;
  /** Who is in which voice channel. */
  voiceStates: VoiceStateRepo;
  /** Moderation and settings actions per guild. */
  auditLog: AuditLogRepo;
  /** Releases connections and handles. */
  close(): Promise<void>;
}
