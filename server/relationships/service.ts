/**
 * Friends, friend requests, blocks and DM channels. Each user has their own
 * side of a relationship (friend / incoming / outgoing / blocked); both sides
 * are written together and each side hears about its own view only.
 */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import type { ChannelRecord, RelationshipRecord, UserRecord } from "../store/port.ts";
import type { Channel, Relationship, RelationshipType } from "../wire/types.ts";
import { publishDmCreate, publishRelationshipAdd, publishRelationshipRemove } from "./events.ts";
import { dmRecord, relationshipRecord } from "./records.ts";
import { toDmChannel, toRelationship } from "./views.ts";

/** Both sides of a pair: `mine` is userId → otherId, `theirs` the reverse. */
interface Pair {
  me: UserRecord;
  other: UserRecord;
  mine: RelationshipRecord | null;
  theirs: RelationshipRecord | null;
}

const refusedRequest = () =>
  new AppError("forbidden", "Cannot send a friend request to this user", {
    detail: "friend requests between these accounts are blocked",
  });

/** Friend requests, friendships, blocks and the DM channels built on them. */
export class RelationshipsService {
  constructor(readonly deps: DomainDeps) {}

  /** Every relationship of the user, from their point of view. */
  async list(userId: string): Promise<Relationship[]> {
    const records = await this.deps.store.relationships.list(userId);
    const users = await this.usersById(records.map((r) => r.otherId));
    return records.flatMap((r) => {
      const other = users.get(r.otherId);
      return other ? [toRelationship(r, other)] : [];
    });
  }

  /**
   * Sends a friend request to `username`, or accepts theirs when they already
   * sent one. Repeating a request, or requesting a friend, changes nothing.
   */
  async sendRequest(userId: string, username: string): Promise<void> {
    const target = await this.deps.store.users.getByUsername(username.toLowerCase());
    if (!target) throw notFound("User", `no user is named "${username}"`);
    if (target.id === userId) {
      throw new AppError("validation_failed", "Cannot send a friend request to yourself", {
        detail: `"${username}" is your own username`,
        errors: [{ path: "username", message: "is your own username" }],
      });
    }
    const pair = await this.pair(userId, target.id);
    if (pair.mine?.type === "blocked" || pair.theirs?.type === "blocked") throw refusedRequest();
    if (pair.mine?.type === "friend" || pair.mine?.type === "outgoing") return;
    if (pair.mine?.type === "incoming") return await this.befriend(pair);
    await this.write(pair, "outgoing", "incoming");
  }

  /** Accepts the pending request from `otherId`; a no-op when already friends. */
  async accept(userId: string, otherId: string): Promise<void> {
    const pair = await this.pair(userId, otherId);
    if (pair.mine?.type === "friend") return;
    if (pair.mine?.type !== "incoming") {
      throw notFound("Friend request", `you have no pending friend request from user ${otherId}`);
    }
    await this.befriend(pair);
  }

  /**
   * Blocks `otherId`: ends any friendship or request on both sides and
   * removes their view of the caller (unless they blocked the caller too).
   * The blocked user is not told, beyond losing the relationship.
   */
  async block(userId: string, otherId: string): Promise<void> {
    if (otherId === userId) {
      throw new AppError("validation_failed", "Cannot block yourself", {
        detail: "userId is your own id",
      });
    }
    const pair = await this.pair(userId, otherId);
    if (pair.mine?.type === "blocked") return;
    const keepTheirs = pair.theirs?.type === "blocked" ? pair.theirs : null;
    const blocked = this.relationship(userId, otherId, "blocked");
    await this.deps.store.relationships.setPair(userId, otherId, blocked, keepTheirs);
    await publishRelationshipAdd(this.deps.bus, userId, toRelationship(blocked, pair.other));
    if (pair.theirs && !keepTheirs) await publishRelationshipRemove(this.deps.bus, otherId, userId);
  }

  /** Declines, cancels, unfriends or unblocks: whatever the caller has with `otherId`. */
  async remove(userId: string, otherId: string): Promise<void> {
    const store = this.deps.store.relationships;
    const mine = await store.get(userId, otherId);
    if (!mine) throw notFound("Relationship", `you have no relationship with user ${otherId}`);
    const theirs = await store.get(otherId, userId);
    // A block on the other side stays; anything else ends with ours.
    const keepTheirs = theirs?.type === "blocked" ? theirs : null;
    await store.setPair(userId, otherId, null, keepTheirs);
    await publishRelationshipRemove(this.deps.bus, userId, otherId);
    if (theirs && !keepTheirs) await publishRelationshipRemove(this.deps.bus, otherId, userId);
  }

  /** True when either user blocked the other. */
  async isBlocked(a: string, b: string): Promise<boolean> {
    const store = this.deps.store.relationships;
    const [ab, ba] = await Promise.all([store.get(a, b), store.get(b, a)]);
    return ab?.type === "blocked" || ba?.type === "blocked";
  }

  /**
   * The DM channel between the caller and `recipientId`, created on first
   * use (then announced to both, each with their own view). Refused when
   * either blocked the other.
   */
  async openDm(userId: string, recipientId: string): Promise<Channel> {
    if (recipientId === userId) {
      throw new AppError("validation_failed", "Cannot open a direct message with yourself", {
        detail: "recipientId is your own id",
        errors: [{ path: "recipientId", message: "is your own id" }],
      });
    }
    const users = await this.usersById([userId, recipientId]);
    if (!users.has(userId)) throw notFound("User", `no account has id ${userId}`);
    if (!users.has(recipientId)) throw notFound("User", `no user has id ${recipientId}`);
    if (await this.isBlocked(userId, recipientId)) {
      throw new AppError("forbidden", "Cannot open a direct message with this user", {
        detail: "direct messages between these accounts are blocked",
      });
    }
    const made: { id?: string } = {};
    const record = await this.deps.store.channels.getOrCreateDm(userId, recipientId, () => {
      made.id = this.deps.ids.next();
      return dmRecord(this.deps.clock, made.id, userId, recipientId);
    });
    if (record.id === made.id) {
      for (const viewer of record.recipientIds) {
        await publishDmCreate(this.deps.bus, viewer, toDmChannel(record, viewer, users));
      }
    }
    return toDmChannel(record, userId, users);
  }

  /** The user's DM channels, most recently active first. */
  async listDms(userId: string): Promise<Channel[]> {
    const records = await this.deps.store.channels.listDms(userId);
    const users = await this.usersById(records.flatMap((r) => r.recipientIds));
    const activity = (r: ChannelRecord) => r.lastMessageId ?? r.id;
    return records
      .sort((x, y) => activity(x) < activity(y) ? 1 : activity(x) > activity(y) ? -1 : 0)
      .map((r) => toDmChannel(r, userId, users));
  }

  /** A DM channel as `viewerId` sees it, with its recipients looked up. */
  async dmChannel(record: ChannelRecord, viewerId: string): Promise<Channel> {
    return toDmChannel(record, viewerId, await this.usersById(record.recipientIds));
  }

  private async pair(userId: string, otherId: string): Promise<Pair> {
    const users = await this.usersById([userId, otherId]);
    const me = users.get(userId);
    if (!me) throw notFound("User", `no account has id ${userId}`);
    const other = users.get(otherId);
    if (!other) throw notFound("User", `no user has id ${otherId}`);
    const store = this.deps.store.relationships;
    const [mine, theirs] = await Promise.all([
      store.get(userId, otherId),
      store.get(otherId, userId),
    ]);
    return { me, other, mine, theirs };
  }

  private befriend(pair: Pair): Promise<void> {
    return this.write(pair, "friend", "friend");
  }

  /** Stores both sides, then tells each side its own view. */
  private async write(pair: Pair, mine: RelationshipType, theirs: RelationshipType): Promise<void> {
    const forward = this.relationship(pair.me.id, pair.other.id, mine);
    const backward = this.relationship(pair.other.id, pair.me.id, theirs);
    await this.deps.store.relationships.setPair(pair.me.id, pair.other.id, forward, backward);
    await publishRelationshipAdd(this.deps.bus, pair.me.id, toRelationship(forward, pair.other));
    await publishRelationshipAdd(this.deps.bus, pair.other.id, toRelationship(backward, pair.me));
  }

  private relationship(userId: string, otherId: string, type: RelationshipType) {
    return relationshipRecord(this.deps.clock, userId, otherId, type);
  }

  private async usersById(ids: string[]): Promise<Map<string, UserRecord>> {
    const users = await this.deps.store.users.getMany([...new Set(ids)]);
    return new Map(users.map((u) => [u.id, u]));
  }
}
