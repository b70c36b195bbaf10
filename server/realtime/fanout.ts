/**
 * Who on this instance gets which event: users with their sessions, and
 * for each guild the users following it. An event's payload is serialised
 * once, however many sessions it reaches.
 */
import type { EventName } from "../wire/types.ts";
import type { Audience, BusEvent, ChosenStatus, SubscriptionEffect } from "./bus.ts";
import type { Session } from "./session.ts";

/** A user with at least one session on this instance. */
export interface LocalUser {
  id: string;
  sessions: Set<Session>;
  guildIds: Set<string>;
  friendIds: Set<string>;
  /** Identified sockets open on this instance. */
  sockets: number;
  status: ChosenStatus;
  statusAt: number;
}

/** The local registry of users, sessions and guild followers. */
export class Fanout {
  readonly users = new Map<string, LocalUser>();
  readonly sessions = new Map<string, Session>();
  #guilds = new Map<string, Set<LocalUser>>();

  /** The user's entry, created following `guildIds` when new, else extended by them. */
  enter(userId: string, guildIds: string[], friendIds: string[], status: ChosenStatus): LocalUser {
    let user = this.users.get(userId);
    if (!user) {
      user = {
        id: userId,
        sessions: new Set(),
        guildIds: new Set(),
        friendIds: new Set(friendIds),
        sockets: 0,
        status,
        statusAt: 0,
      };
      this.users.set(userId, user);
    }
    for (const guildId of guildIds) this.#follow(user, guildId);
    return user;
  }

  /** Registers a new session of an entered user. */
  addSession(user: LocalUser, session: Session): void {
    this.sessions.set(session.id, session);
    user.sessions.add(session);
  }

  /** Forgets a session; the user too once they have no session left. */
  removeSession(session: Session): void {
    this.sessions.delete(session.id);
    const user = this.users.get(session.userId);
    if (!user) return;
    user.sessions.delete(session);
    if (user.sessions.size > 0 || user.sockets > 0) return;
    for (const guildId of [...user.guildIds]) this.#unfollow(user, guildId);
    this.users.delete(user.id);
  }

  /** Applies a join or leave to the user's sessions here, if any. */
  applyEffect(effect: SubscriptionEffect): void {
    const user = this.users.get(effect.userId);
    if (!user) return;
    if (effect.op === "join") this.#follow(user, effect.guildId);
    else this.#unfollow(user, effect.guildId);
  }

  /** Dispatches an event to every local session of its audience. */
  dispatch(event: BusEvent): void {
    const { t, to, exceptSessionId } = event;
    let json: string | undefined;
    const send = (user: LocalUser) => {
      for (const session of user.sessions) {
        if (session.id !== exceptSessionId) session.dispatch(t, json ??= stringify(event.d));
      }
    };
    if ("guildId" in to) {
      const users = this.#guilds.get(to.guildId);
      if (users) { for (const user of users) send(user); }
      return;
    }
    const ids = to.userIds.length > 1 ? new Set(to.userIds) : to.userIds;
    for (const id of ids) {
      const user = this.users.get(id);
      if (user) send(user);
    }
  }

  /**
   * Dispatches once to every session of the followers of these guilds and
   * these users, except the sessions of `exceptUserId`.
   */
  dispatchToEach(
    t: EventName,
    d: unknown,
    guildIds: Iterable<string>,
    userIds: Iterable<string>,
    exceptUserId: string,
  ): void {
    const targets = new Set<LocalUser>();
    for (const guildId of guildIds) {
      const users = this.#guilds.get(guildId);
      if (users) { for (const user of users) targets.add(user); }
    }
    for (const id of userIds) {
      const user = this.users.get(id);
      if (user) targets.add(user);
    }
    for (const user of targets) if (user.id === exceptUserId) targets.delete(user);
    if (targets.size === 0) return;
    const json = stringify(d);
    for (const user of targets) for (const session of user.sessions) session.dispatch(t, json);
  }

  /** Whether the audience includes the user. */
  concerns(user: LocalUser, to: Audience): boolean {
    return "guildId" in to ? user.guildIds.has(to.guildId) : to.userIds.includes(user.id);
  }

  #follow(user: LocalUser, guildId: string): void {
    user.guildIds.add(guildId);
    let users = this.#guilds.get(guildId);
    if (!users) this.#guilds.set(guildId, users = new Set());
    users.add(user);
  }

  #unfollow(user: LocalUser, guildId: string): void {
    user.guildIds.delete(guildId);
    const users = this.#guilds.get(guildId);
    users?.delete(user);
    if (users?.size === 0) this.#guilds.delete(guildId);
  }
}

function stringify(d: unknown): string {
  return JSON.stringify(d ?? null);
}
