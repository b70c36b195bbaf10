import type { Collection, Db } from "mongodb";
import type { RefreshTokenRecord, SessionFamilyRecord, SessionRepo } from "../sessions.ts";
import { str, ttlDate } from "./util.ts";

/** A family as stored in `session_families`: the record with `id` as `_id`. */
interface FamilyDoc extends Omit<SessionFamilyRecord, "id"> {
  _id: string;
}

/**
 * A refresh token as stored in `refresh_tokens`: the record with `hash` as
 * `_id`, plus `expiresAtDate`, the `expiresAt` time as a `Date` for the TTL index.
 */
interface TokenDoc extends Omit<RefreshTokenRecord, "hash"> {
  _id: string;
  expiresAtDate: Date;
}

function familyDoc(family: SessionFamilyRecord): FamilyDoc {
  return {
    _id: family.id,
    userId: family.userId,
    createdAt: family.createdAt,
    revokedAt: family.revokedAt,
  };
}

function toFamily(doc: FamilyDoc): SessionFamilyRecord {
  return { id: doc._id, userId: doc.userId, createdAt: doc.createdAt, revokedAt: doc.revokedAt };
}

function tokenDoc(token: RefreshTokenRecord): TokenDoc {
  return {
    _id: token.hash,
    familyId: token.familyId,
    userId: token.userId,
    expiresAt: token.expiresAt,
    rotatedAt: token.rotatedAt,
    expiresAtDate: ttlDate(token.expiresAt),
  };
}

/**
 * Session families (`session_families`, indexed by user) and refresh tokens
 * (`refresh_tokens`, keyed by hash, removed by a TTL index once expired).
 * Creates its indexes before it resolves.
 */
export async function mongoSessions(db: Db): Promise<SessionRepo> {
  const families: Collection<FamilyDoc> = db.collection<FamilyDoc>("session_families");
  const tokens: Collection<TokenDoc> = db.collection<TokenDoc>("refresh_tokens");
  await Promise.all([
    families.createIndex({ userId: 1 }, { name: "userId" }),
    tokens.createIndex({ expiresAtDate: 1 }, { name: "expiresAt_ttl", expireAfterSeconds: 0 }),
  ]);

  async function getFamily(id: string): Promise<SessionFamilyRecord | null> {
    const doc = await families.findOne({ _id: str(id, "family id") });
    return doc ? toFamily(doc) : null;
  }

  return {
    async create(family, token) {
      await families.insertOne(familyDoc(family));
      await tokens.insertOne(tokenDoc(token));
    },

    getFamily,

    async rotate(oldHash, next, now) {
      const hash = str(oldHash, "token hash");
      const at = str(now, "now");
      for (;;) {
        const token = await tokens.findOne({ _id: hash });
        if (!token) return { kind: "missing" };
        const family = await getFamily(token.familyId);
        if (!family || family.revokedAt) return { kind: "revoked" };
        if (token.rotatedAt) return { kind: "reused", family };
        if (token.expiresAt <= at) return { kind: "expired" };
        // The successor goes in first: should this process die before the
        // old token is claimed, the client still holds a valid token.
        await tokens.insertOne(tokenDoc({
          hash: str(next.hash, "next token hash"),
          familyId: token.familyId,
          userId: token.userId,
          expiresAt: str(next.expiresAt, "expiresAt"),
          rotatedAt: next.rotatedAt,
        }));
        // The atomic step: only one caller can flip `rotatedAt` from null.
        const claimed = await tokens.findOneAndUpdate(
          { _id: hash, rotatedAt: null },
          { $set: { rotatedAt: at } },
        );
        if (claimed) return { kind: "rotated", family };
        // Someone else rotated it first; drop our successor and report afresh.
        await tokens.deleteOne({ _id: next.hash });
      }
    },

    async familyOfToken(hash) {
      const token = await tokens.findOne({ _id: str(hash, "token hash") });
      return token ? await getFamily(token.familyId) : null;
    },

    async revokeFamily(id, now) {
      await families.updateOne(
        { _id: str(id, "family id"), revokedAt: null },
        { $set: { revokedAt: str(now, "now") } },
      );
    },

    async revokeAllForUser(userId, now) {
      await families.updateMany(
        { userId: str(userId, "user id"), revokedAt: null },
        { $set: { revokedAt: str(now, "now") } },
      );
    },
  };
}
