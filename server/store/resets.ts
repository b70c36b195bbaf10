/** A password-reset token, stored only by its hash; single use. */
export interface ResetTokenRecord {
  hash: string;
  userId: string;
  /** ISO-8601 UTC. */
  expiresAt: string;
}

/** Pending password resets. */
export interface ResetTokenRepo {
  /** Stores a reset token. */
  create(token: ResetTokenRecord): Promise<void>;
  /**
   * Deletes the token and returns it if it existed and had not expired at
   * `now`; a second call with the same hash returns null.
   */
  consume(hash: string, now: string): Promise<ResetTokenRecord | null>;
}
