import type { AnyBulkWriteOperation, Collection, Db } from "mongodb";
import type { RelationshipType } from "../../wire/types.ts";
import type { RelationshipRecord, RelationshipRepo } from "../relationships.ts";
import { str } from "./util.ts";

/** One side of a relationship in the `relationships` collection; `_id` is `userId:otherId`. */
interface RelationshipDoc {
  _id: string;
  userId: string;
  otherId: string;
  type: RelationshipType;
  since: string;
}

const docId = (userId: string, otherId: string) =>
  `${str(userId, "userId")}:${str(otherId, "otherId")}`;

function toDoc(r: RelationshipRecord): RelationshipDoc {
  return {
    _id: docId(r.userId, r.otherId),
    userId: str(r.userId, "userId"),
    otherId: str(r.otherId, "otherId"),
    type: str(r.type, "type") as RelationshipType,
    since: str(r.since, "since"),
  };
}

function toRecord(doc: RelationshipDoc): RelationshipRecord {
  return { userId: doc.userId, otherId: doc.otherId, type: doc.type, since: doc.since };
}

/** The bulk operation that writes (or, for null, deletes) the side `userId → otherId`. */
function sideOp(
  userId: string,
  otherId: string,
  record: RelationshipRecord | null,
): AnyBulkWriteOperation<RelationshipDoc> {
  const _id = docId(userId, otherId);
  if (!record) return { deleteOne: { filter: { _id } } };
  const doc = toDoc({ ...record, userId, otherId });
  return { replaceOne: { filter: { _id }, replacement: doc, upsert: true } };
}

/**
 * Relationships in the MongoDB `relationships` collection, one document per
 * side, indexed by user for listing. Creates its indexes before it resolves.
 */
export async function mongoRelationships(db: Db): Promise<RelationshipRepo> {
  const relationships: Collection<RelationshipDoc> = db.collection<RelationshipDoc>(
    "relationships",
  );
  await relationships.createIndexes([
    { key: { userId: 1, otherId: 1 }, name: "user_other" },
  ]);

  return {
    async get(userId, otherId) {
      const doc = await relationships.findOne({ _id: docId(userId, otherId) });
      return doc ? toRecord(doc) : null;
    },

    async list(userId) {
      const docs = await relationships.find({ userId: str(userId, "userId") })
        .sort({ otherId: 1 })
        .toArray();
      return docs.map(toRecord);
    },

    async setPair(a, b, forward, backward) {
      // Without a replica-set transaction the two sides are two writes; ordered,
      // so a failure leaves at most the first side changed and the caller retries.
      await relationships.bulkWrite([sideOp(a, b, forward), sideOp(b, a, backward)], {
        ordered: true,
      });
    },
  };
}
