/** Turns stored relationships and DM channels into what each viewer sees. */
import type { ChannelRecord, RelationshipRecord, UserRecord } from "../store/port.ts";
import { toPublicUser } from "../users/views.ts";
import type { Channel, PublicUser, Relationship } from "../wire/types.ts";

/** `record` (the viewer's side) with the other user shown publicly. */
export function toRelationship(record: RelationshipRecord, other: UserRecord): Relationship {
  return { user: toPublicUser(other), type: record.type };
}

/**
 * A DM channel as `viewerId` sees it: `recipients` holds the other
 * participants (never the viewer), looked up in `users`; a deleted account
 * is left out rather than shown half-empty.
 */
export function toDmChannel(
  record: ChannelRecord,
  viewerId: string,
  users: ReadonlyMap<string, UserRecord>,
): Channel {
  const recipients: PublicUser[] = [];
  for (const id of record.recipientIds) {
    const user = id === viewerId ? undefined : users.get(id);
    if (user) recipients.push(toPublicUser(user));
  }
  return {
    id: record.id,
    type: "dm",
    guildId: null,
    name: record.name,
    topic: record.topic,
    position: record.position,
    recipients,
    lastMessageId: record.lastMessageId,
    createdAt: record.createdAt,
  };
}
