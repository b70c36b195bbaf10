/**
 * Refresh-token sessions. Each login starts a family; every refresh
 * replaces the family's current token with a new one. Presenting a token
 * that was already replaced is theft or a bug: the family is revoked.
 */

/** One refresh token, stored only by its SHA-256 hash. */
export interface RefreshTokenRecord {
  /** Hex SHA-256 of the opaque token the client holds. */
  hash: string;
  familyId: string;
  userId: string;
  /** ISO-8601 UTC. */
  expiresAt: string;
  /** Set once the token has been exchanged for its successor. */
  rotatedAt: string | null;
}

/** A login on one device: the chain of refresh tokens it used. */
export interface SessionFamilyRecord {
  id: string;
  userId: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What {@link SessionRepo.rotate} found. */
export type RotateResult =
  | { kind: "rotated"; family: SessionFamilyRecord }
  | { kind: "missing" }
  | { kind: "expired" }
  | { kind: "revoked" }
  | { kind: "reused"; family: SessionFamilyRecord };

/** Session families and their refresh tokens. */
export interface SessionRepo {
  /** Starts a family with its first token. */
  create(family: SessionFamilyRecord, token: RefreshTokenRecord): Promise<void>;
  /** The family, or null. */
  getFamily(id: string): Promise<SessionFamilyRecord | null>;
  /**
   * Atomically marks `oldHash` rotated at `now` and stores `next` in the
   * same family. Does nothing but report when the old token is unknown,
   * expired, in a revoked family, or already rotated (then the caller
   * revokes the family).
   */
  rotate(
    oldHash: string,
    next: Omit<RefreshTokenRecord, "familyId" | "userId">,
    now: string,
  ): Promise<RotateResult>;
  /** The family a token belongs to, or null when the token is unknown. */
  familyOfToken(hash: string): Promise<SessionFamilyRecord | null>;
  /** Revokes one family: none of its tokens refresh any more. */
  revokeFamily(id: string, now: string): Promise<void>;
  /** Revokes every family of the user (password reset). */
  revokeAllForUser(userId: string, now: string): Promise<void>;
}
