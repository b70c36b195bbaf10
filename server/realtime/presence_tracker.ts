/**
 * The shared presence view of one instance. Every instance announces, on
 * the bus, how many sockets each user has open there and the status they
 * chose; every instance folds those announcements into the same view, so
 * `status()` agrees everywhere and each Hub can tell its own sockets when
 * what others see of a user changed.
 */
import type { Presence, PresenceStatus } from "../wire/types.ts";
import type { ChosenStatus, PresenceSync, SubscriptionEffect } from "./bus.ts";
import type { PresenceReader } from "./presence.ts";

type StateSync = Extract<PresenceSync, { kind: "state" }>;

interface InstanceView {
  sockets: number;
  status: ChosenStatus;
  at: number;
}

interface UserView {
  instances: Map<string, InstanceView>;
  guildIds: Set<string>;
  friendIds: Set<string>;
  visible: PresenceStatus;
}

/** What others now see of a user, and whom to tell. */
export interface PresenceChange {
  userId: string;
  status: PresenceStatus;
  guildIds: ReadonlySet<string>;
  friendIds: ReadonlySet<string>;
}

/** Folds presence announcements from every instance into one view. */
export class PresenceTracker implements PresenceReader {
  #users = new Map<string, UserView>();
  /** Connected users (any instance, any status) by guild, for `ready`. */
  #byGuild = new Map<string, Set<string>>();

  /** What others see: offline when disconnected everywhere or invisible. */
  status(userId: string): PresenceStatus {
    return this.#users.get(userId)?.visible ?? "offline";
  }

  /** The status the user chose most recently on any instance (online by default). */
  chosen(userId: string): ChosenStatus {
    const view = this.#users.get(userId);
    return view ? newest(view.instances)?.status ?? "online" : "online";
  }

  /** Applies one instance's announcement; returns the change others see, if any. */
  apply(sync: StateSync): PresenceChange | null {
    let view = this.#users.get(sync.userId);
    if (!view) {
      if (sync.sockets <= 0) return null;
      view = {
        instances: new Map(),
        guildIds: new Set(),
        friendIds: new Set(),
        visible: "offline",
      };
      this.#users.set(sync.userId, view);
    }
    if (sync.sockets > 0) {
      view.instances.set(sync.instanceId, {
        sockets: sync.sockets,
        status: sync.status,
        at: sync.at,
      });
    } else {
      view.instances.delete(sync.instanceId);
    }
    this.#index(sync.userId, view, new Set(sync.guildIds));
    view.friendIds = new Set(sync.friendIds);
    const before = view.visible;
    const top = newest(view.instances);
    view.visible = !top || top.status === "invisible" ? "offline" : top.status;
    const { guildIds, friendIds } = view;
    if (view.instances.size === 0) {
      this.#index(sync.userId, view, new Set());
      this.#users.delete(sync.userId);
    }
    if (view.visible === before) return null;
    return { userId: sync.userId, status: view.visible, guildIds, friendIds };
  }

  /** Follows a connected user joining or leaving a guild. */
  applyEffect(effect: SubscriptionEffect): void {
    const view = this.#users.get(effect.userId);
    if (!view) return;
    const guildIds = new Set(view.guildIds);
    if (effect.op === "join") guildIds.add(effect.guildId);
    else guildIds.delete(effect.guildId);
    this.#index(effect.userId, view, guildIds);
  }

  /** Everyone not offline among the members of these guilds and these friends. */
  presences(guildIds: Iterable<string>, friendIds: Iterable<string>): Presence[] {
    const seen = new Set<string>();
    const out: Presence[] = [];
    const add = (userId: string) => {
      if (seen.has(userId)) return;
      seen.add(userId);
      const status = this.status(userId);
      if (status !== "offline") out.push({ userId, status });
    };
    for (const guildId of guildIds) {
      const users = this.#byGuild.get(guildId);
      if (users) { for (const userId of users) add(userId); }
    }
    for (const userId of friendIds) add(userId);
    return out;
  }

  #index(userId: string, view: UserView, next: Set<string>): void {
    for (const guildId of view.guildIds) {
      if (next.has(guildId)) continue;
      const users = this.#byGuild.get(guildId);
      users?.delete(userId);
      if (users?.size === 0) this.#byGuild.delete(guildId);
    }
    for (const guildId of next) {
      if (view.guildIds.has(guildId)) continue;
      let users = this.#byGuild.get(guildId);
      if (!users) this.#byGuild.set(guildId, users = new Set());
      users.add(userId);
    }
    view.guildIds = next;
  }
}

function newest(instances: Map<string, InstanceView>): InstanceView | undefined {
  let top: InstanceView | undefined;
  for (const view of instances.values()) if (!top || view.at >= top.at) top = view;
  return top;
}
