/** A guild's audit log: who did what to which target, why and when. */

/** One changed field. */
export interface AuditChangeRecord {
  key: string;
  old?: unknown;
  new?: unknown;
}

/** A stored audit log entry; ids are time-sortable, so newest first is by id. */
export interface AuditEntryRecord {
  id: string;
  guildId: string;
  actorId: string;
  /** One of the wire's `AuditAction`s. */
  action: string;
  /** A user, role, channel or invite code, by id; null when there is none. */
  targetId: string | null;
  reason: string | null;
  changes: AuditChangeRecord[];
  createdAt: string;
}

/** Paging of the audit log. */
export interface AuditQuery {
  /** Only entries with ids strictly before this one. */
  before?: string;
  limit: number;
}

/** The audit log aggregate: append-only, deleted with its guild. */
export interface AuditLogRepo {
  /** Stores an entry. */
  append(entry: AuditEntryRecord): Promise<void>;
  /** A guild's entries, newest first. */
  list(guildId: string, query: AuditQuery): Promise<AuditEntryRecord[]>;
}
