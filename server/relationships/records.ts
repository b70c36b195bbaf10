/** New stored records of this domain, stamped with the service's clock. */
import type { Clock } from "../clock.ts";
import type { ChannelRecord, RelationshipRecord } from "../store/port.ts";
import type { RelationshipType } from "../wire/types.ts";

const isoNow = (clock: Clock) => new Date(clock.now()).toISOString();

/** `userId`'s side of a relationship with `otherId`, starting now. */
export function relationshipRecord(
  clock: Clock,
  userId: string,
  otherId: string,
  type: RelationshipType,
): RelationshipRecord {
  return { userId, otherId, type, since: isoNow(clock) };
}

/** A new DM channel between `a` and `b` (recipients sorted, as the store keys them). */
export function dmRecord(clock: Clock, id: string, a: string, b: string): ChannelRecord {
  return {
    id,
    type: "dm",
    guildId: null,
    name: "",
    topic: null,
    position: 0,
    recipientIds: a < b ? [a, b] : [b, a],
    lastMessageId: null,
    createdAt: isoNow(clock),
  };
}
