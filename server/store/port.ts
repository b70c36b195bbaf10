/**
 * The storage port: one repository per aggregate. Every adapter (Deno KV,
 * MongoDB) implements all of it and passes the one contract suite in
 * `tests/contract/`.
 */
import type { ResetTokenRepo } from "./resets.ts";
import type { SecretRepo } from "./secrets.ts";
import type { SessionRepo } from "./sessions.ts";
import type { UserRepo } from "./users.ts";

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
  /** Releases connections and handles. */
  close(): Promise<void>;
}
