import type { AuditEntryRecord, AuditLogRepo } from "../audit_log.ts";

/** An entry: `["audit", guildId, entryId]` → AuditEntryRecord (ids sort by time). */
export const auditKey = (guildId: string, id: string): Deno.KvKey => ["audit", guildId, id];

/**
 * The audit log in Deno KV: one key per entry under its guild, so a page
 * newest first is one reverse range read. Swept with the guild.
 */
export function kvAuditLog(kv: Deno.Kv): AuditLogRepo {
  return {
    async append(entry) {
      await kv.set(auditKey(entry.guildId, entry.id), entry);
    },

    async list(guildId, query) {
      const selector: Deno.KvListSelector = query.before === undefined
        ? { prefix: ["audit", guildId] }
        : { prefix: ["audit", guildId], end: auditKey(guildId, query.before) };
      const out: AuditEntryRecord[] = [];
      const iter = kv.list<AuditEntryRecord>(selector, { reverse: true, limit: query.limit });
      for await (const e of iter) out.push(e.value);
      return out;
    },
  };
}
