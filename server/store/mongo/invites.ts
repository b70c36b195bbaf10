import type { Collection, Db } from "mongodb";
import type { InviteRecord, InviteRepo, InviteUse } from "../invites.ts";
import { AppError } from "../../errors.ts";
import { duplicateKeyFields, str } from "./util.ts";

/** An invite in the `invites` collection: the record with `code` as `_id`. */
interface InviteDoc extends Omit<InviteRecord, "code"> {
  _id: string;
}

function toDoc(invite: InviteRecord): InviteDoc {
  return {
    _id: str(invite.code, "code"),
    guildId: str(invite.guildId, "guildId"),
    inviterId: str(invite.inviterId, "inviterId"),
    maxUses: invite.maxUses,
    uses: invite.uses,
    expiresAt: invite.expiresAt,
    createdAt: invite.createdAt,
  };
}

function toRecord(doc: InviteDoc): InviteRecord {
  return {
    code: doc._id,
    guildId: doc.guildId,
    inviterId: doc.inviterId,
    maxUses: doc.maxUses,
    uses: doc.uses,
    expiresAt: doc.expiresAt,
    createdAt: doc.createdAt,
  };
}

/**
 * Invites in the MongoDB `invites` collection. A use is one conditional
 * `$inc` (still unexpired and under `maxUses`), so concurrent uses never
 * exceed `maxUses`. Times are ISO-8601 UTC strings of one length, so they
 * compare as strings. Creates its indexes before it resolves.
 */
export async function mongoInvites(db: Db): Promise<InviteRepo> {
  const invites: Collection<InviteDoc> = db.collection<InviteDoc>("invites");
  await invites.createIndex({ guildId: 1 }, { name: "guildId" });

  return {
    async create(invite) {
      try {
        await invites.insertOne(toDoc(invite));
      } catch (error) {
        if (!duplicateKeyFields(error)) throw error;
        throw new AppError("conflict", "Invite code is taken", {
          detail: `an invite with code ${invite.code} already exists`,
        });
      }
    },

    async get(code) {
      const doc = await invites.findOne({ _id: str(code, "code") });
      return doc ? toRecord(doc) : null;
    },

    async use(code, now): Promise<InviteUse> {
      const id = str(code, "code");
      const at = str(now, "now");
      const doc = await invites.findOneAndUpdate(
        {
          _id: id,
          $and: [
            { $or: [{ expiresAt: null }, { expiresAt: { $gt: at } }] },
            { $or: [{ maxUses: null }, { $expr: { $lt: ["$uses", "$maxUses"] } }] },
          ],
        },
        { $inc: { uses: 1 } },
        { returnDocument: "after" },
      );
      if (doc) return { kind: "used", invite: toRecord(doc) };
      const current = await invites.findOne({ _id: id });
      if (!current) return { kind: "missing" };
      if (current.expiresAt !== null && current.expiresAt <= at) return { kind: "expired" };
      return { kind: "exhausted" };
    },

    async listByGuild(guildId) {
      const docs = await invites.find({ guildId: str(guildId, "guildId") }).sort({ _id: 1 })
        .toArray();
      return docs.map(toRecord);
    },

    async delete(code) {
      await invites.deleteOne({ _id: str(code, "code") });
    },
  };
}
