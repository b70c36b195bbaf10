import type { Collection, Db, Filter } from "mongodb";
import type { AuditEntryRecord, AuditLogRepo } from "../audit_log.ts";
import { str } from "./util.ts";

/** An entry in the `audit_log` collection: the record with `id` as `_id`. */
interface AuditDoc extends Omit<AuditEntryRecord, "id"> {
  _id: string;
}

function toRecord(doc: AuditDoc): AuditEntryRecord {
  return {
    id: doc._id,
    guildId: doc.guildId,
    actorId: doc.actorId,
    action: doc.action,
    targetId: doc.targetId,
    reason: doc.reason,
    changes: doc.changes,
    createdAt: doc.createdAt,
  };
}

/**
 * The audit log in the MongoDB `audit_log` collection, paged newest first
 * through a `{guildId, _id}` index (ids sort by time). Deleted with the
 * guild. Creates its index before it resolves.
 */
export async function mongoAuditLog(db: Db): Promise<AuditLogRepo> {
  const entries: Collection<AuditDoc> = db.collection<AuditDoc>("audit_log");
  await entries.createIndex({ guildId: 1, _id: -1 }, { name: "guild_newest" });
  return {
    async append(entry) {
      const { id, ...rest } = entry;
      await entries.insertOne({
        ...rest,
        _id: str(id, "id"),
        guildId: str(entry.guildId, "guildId"),
      });
    },

    async list(guildId, query) {
      const filter: Filter<AuditDoc> = { guildId: str(guildId, "guildId") };
      if (query.before !== undefined) filter._id = { $lt: str(query.before, "before") };
      const docs = await entries.find(filter).sort({ _id: -1 }).limit(query.limit).toArray();
      return docs.map(toRecord);
    },
  };
}
