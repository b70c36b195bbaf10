/**
 * The storage port: one repository per aggregate. Every adapter (Deno KV,
 * MongoDB) implements all of it and passes the one contract suite in
 * `tests/contract/`.
 */
import type { ChannelRepo } from "./channels.ts";
import type { GuildRepo } from "./guilds.ts";
import type { InviteRepo } from "./invites.ts";
import type { MemberRepo } from "./members.ts";
import type { MessageRepo } from "./messages.ts";
import type { ReadStateRepo } from "./read_states.ts";
import type { RelationshipRepo } from "./relationships.ts";
import type { ResetTokenRepo } from "./resets.ts";
import type { SecretRepo } from "./secrets.ts";
import type { SessionRepo } from "./sessions.ts";
import type { UserRepo } from "./users.ts";

export type { ChannelRecord, ChannelRepo } from "./channels.ts";
export type { GuildRecord, GuildRepo, RoleRecord } from "./guilds.ts";
export type { InviteRecord, InviteRepo, InviteUse } from "./invites.ts";
export type { BanRecord, MemberRecord, MemberRepo } from "./members.ts";
export type { HistoryQuery, MessageRecord, MessageRepo, SearchQuery } from "./messages.ts";
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
  /** Releases connections and handles. */
  close(): Promise<void>;
}
