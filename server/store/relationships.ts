import type { RelationshipType } from "../wire/types.ts";

/** How `userId` relates to `otherId` (each side has its own record). */
export interface RelationshipRecord {
  userId: string;
  otherId: string;
  type: RelationshipType;
  since: string;
}

/** Friendships, pending requests and blocks. */
export interface RelationshipRepo {
  /** userId's view of otherId, or null. */
  get(userId: string, otherId: string): Promise<RelationshipRecord | null>;
  /** Every relationship of the user. */
  list(userId: string): Promise<RelationshipRecord[]>;
  /**
   * Writes both sides at once: `forward` is a→b, `backward` is b→a; null
   * deletes that side.
   */
  setPair(
    a: string,
    b: string,
    forward: RelationshipRecord | null,
    backward: RelationshipRecord | null,
  ): Promise<void>;
}
