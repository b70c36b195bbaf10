/** Presence as services read it (the gateway keeps it up to date). */
import type { PresenceStatus } from "../wire/types.ts";

/** Reads who is online. */
export interface PresenceReader {
  /** What others see of the user: invisible users read as offline. */
  status(userId: string): PresenceStatus;
}
