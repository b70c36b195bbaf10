/**
 * The presence side of a Hub: announces this instance's users on the bus
 * (socket counts, chosen status, guilds and friends), folds every
 * instance's announcements into the shared tracker, and tells local
 * sockets when what others see of a user changed.
 */
import type { Logger } from "../log.ts";
import type { Bus, BusEvent, ChosenStatus, PresenceSync } from "./bus.ts";
import type { Fanout, LocalUser } from "./fanout.ts";
import type { PresenceTracker } from "./presence_tracker.ts";

/** What the relay is built from. */
export interface PresenceRelayDeps {
  bus: Bus;
  tracker: PresenceTracker;
  fanout: Fanout;
  instanceId: string;
  log: Logger;
}

/** Keeps presence consistent across instances. */
export class PresenceRelay {
  #deps: PresenceRelayDeps;
  #inflight = new Set<Promise<void>>();

  constructor(deps: PresenceRelayDeps) {
    this.#deps = deps;
  }

  /** Asks every other instance to announce its users (after this one starts). */
  requestSnapshot(): void {
    this.#announce({ kind: "request", instanceId: this.#deps.instanceId });
  }

  /** Announces the user's state here (after their socket count or status changed). */
  announce(user: LocalUser): void {
    this.#announce({
      kind: "state",
      instanceId: this.#deps.instanceId,
      userId: user.id,
      sockets: user.sockets,
      status: user.status,
      at: user.statusAt,
      guildIds: [...user.guildIds],
      friendIds: [...user.friendIds],
    });
  }

  /** Records the status a local user chose and announces it. */
  setStatus(user: LocalUser, status: ChosenStatus): void {
    user.status = status;
    user.statusAt = Math.max(Date.now(), user.statusAt + 1);
    this.announce(user);
  }

  /** Handles an announcement from any instance (this one included). */
  receive(sync: PresenceSync): void {
    const { fanout, tracker, instanceId } = this.#deps;
    if (sync.kind === "request") {
      if (sync.instanceId === instanceId) return;
      for (const user of fanout.users.values()) if (user.sockets > 0) this.announce(user);
      return;
    }
    const change = tracker.apply(sync);
    if (!change) return;
    const d = { userId: change.userId, status: change.status };
    const guildIds = [...change.guildIds].filter((g) => !fanout.isLarge(g));
    // Others' view only: a user's own sockets know what they chose.
    fanout.dispatchToEach("PRESENCE_UPDATE", d, guildIds, change.friendIds, d.userId);
  }

  /** Keeps each local user's friends current, from relationship events. */
  followFriends(event: BusEvent): void {
    if (!("userIds" in event.to)) return;
    const other = relationshipOther(event.d);
    if (!other) return;
    const friend = event.t === "RELATIONSHIP_ADD" &&
      (event.d as { type?: unknown }).type === "friend";
    for (const id of event.to.userIds) {
      const user = this.#deps.fanout.users.get(id);
      if (!user || user.friendIds.has(other) === friend) continue;
      if (friend) user.friendIds.add(other);
      else user.friendIds.delete(other);
      if (user.sockets > 0) this.announce(user);
    }
  }

  /** Waits for announcements still being published. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#inflight]);
  }

  #announce(presence: PresenceSync): void {
    const sent = this.#deps.bus
      .publish({ t: "PRESENCE_UPDATE", d: null, to: { userIds: [] }, presence })
      .catch((e) => this.#deps.log.warn("presence announcement failed", { error: String(e) }));
    this.#inflight.add(sent);
    void sent.finally(() => this.#inflight.delete(sent));
  }
}

/** The other user of a relationship event (`{user}` or `{userId}`). */
function relationshipOther(d: unknown): string | null {
  if (typeof d !== "object" || d === null) return null;
  const { user, userId } = d as { user?: { id?: unknown }; userId?: unknown };
  const id = user?.id ?? userId;
  return typeof id === "string" ? id : null;
}
