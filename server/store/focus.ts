/**
 * Which users look at the app right now, shared by every instance: a
 * record per user and gateway instance that has a focused socket of that
 * user, expiring unless the instance refreshes it (so a crashed instance
 * stops suppressing pushes within one lifetime).
 */
export interface FocusRepo {
  /** Marks the user focused on `holder` (an instance id) until `expiresAt` (ISO-8601). */
  set(userId: string, holder: string, expiresAt: string): Promise<void>;
  /** Removes the mark of `holder`. */
  clear(userId: string, holder: string): Promise<void>;
  /** Whether some holder marks the user focused at `now` (ISO-8601). */
  anyFocused(userId: string, now: string): Promise<boolean>;
}
