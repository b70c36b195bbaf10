/**
 * Relationship and DM events. Each payload is relative to its receiver, so
 * every event goes to exactly one user.
 */
import type { Bus } from "../realtime/bus.ts";
import type { Channel, Relationship } from "../wire/types.ts";

/** Tells `receiverId` how they now relate to `relationship.user`. */
export function publishRelationshipAdd(
  bus: Bus,
  receiverId: string,
  relationship: Relationship,
): Promise<void> {
  return bus.publish({ t: "RELATIONSHIP_ADD", d: relationship, to: { userIds: [receiverId] } });
}

/** Tells `receiverId` they no longer have any relationship with `otherId`. */
export function publishRelationshipRemove(
  bus: Bus,
  receiverId: string,
  otherId: string,
): Promise<void> {
  return bus.publish({
    t: "RELATIONSHIP_REMOVE",
    d: { userId: otherId },
    to: { userIds: [receiverId] },
  });
}

/** Announces a new DM channel to one participant, as they see it. */
export function publishDmCreate(bus: Bus, receiverId: string, channel: Channel): Promise<void> {
  return bus.publish({ t: "CHANNEL_CREATE", d: channel, to: { userIds: [receiverId] } });
}
