/**
 * Who on this instance gets which event: users with their sessions, and
 * for each guild the users following it with its member count. An event's
 * payload is serialised once, and its frame built once but for the
 * per-session `s`, however many sessions it reaches. Channel-scoped events
 * reach only those who may view the channel (see visibility.ts).
 */
import type { EventName, Guild } from "../wire/types.ts";
import type { GuildAccessSnapshot } from "./access_snapshot.ts";
import type { Audience, BusEvent, ChosenStatus, SubscriptionEffect } from "./bus.ts";
import { OutboundEvent } from "./frames.ts";
import type { Session } from "./session.ts";
import { type Affected, Visibility } from "./visibility.ts";

/**
 * Guilds with more members than this are "large" by default: like
 * Discord's large-guild threshold, their members' presence is neither
 * fanned out nor listed in `ready` (a connection storm would cost n²
 * frames); clients read it from the member list instead.
 */
export const DEFAULT_LARGE_GUILD_THRESHOLD = 250;

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
  /** Who may view which channel of the guilds followed here. */
  readonly visibility = new Visibility();
  #guilds = new Map<string, Set<LocalUser>>();
  /** Member counts of the guilds followed here, as last read or announced. */
  #sizes = new Map<string, number>();

  constructor(readonly largeGuildThreshold = DEFAULT_LARGE_GUILD_THRESHOLD) {}

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

  /** Records the member count of a guild followed here (ignored for others). */
  noteGuildSize(guildId: string, memberCount: number): void {
    if (this.#guilds.has(guildId)) this.#sizes.set(guildId, memberCount);
  }

  /** Follows the member count of the guilds followed here through guild events. */
  trackGuildSize(event: BusEvent): void {
    const d = event.d as { id?: unknown; guildId?: unknown; memberCount?: unknown } | null;
    if (!d) return;
    if (event.t === "GUILD_CREATE" || event.t === "GUILD_UPDATE") {
      if (typeof d.id === "string" && typeof d.memberCount === "number") {
        this.noteGuildSize(d.id, d.memberCount);
      }
    } else if (event.t === "GUILD_MEMBER_ADD" || event.t === "GUILD_MEMBER_REMOVE") {
      const guildId = "guildId" in event.to ? event.to.guildId : null;
      const size = guildId === null ? undefined : this.#sizes.get(guildId);
      if (size !== undefined) {
        this.#sizes.set(guildId!, Math.max(0, size + (event.t === "GUILD_MEMBER_ADD" ? 1 : -1)));
      }
    }
  }

  /** Whether the guild has more members than {@link largeGuildThreshold}. */
  isLarge(guildId: string): boolean {
    return (this.#sizes.get(guildId) ?? 0) > this.largeGuildThreshold;
  }

  /**
   * Seeds the permission cache from a snapshot when one of `userIds` is
   * here (it is about to follow the guild, or just identified).
   */
  seedAccess(snapshot: GuildAccessSnapshot, userIds: string[]): void {
    if (userIds.some((id) => this.users.has(id))) this.visibility.seed(snapshot);
  }

  /**
   * Applies a passing event to the permission cache, before it is
   * dispatched; members who can no longer view a channel get
   * CHANNEL_DELETE and those who now can get CHANNEL_CREATE.
   */
  observePermissions(event: BusEvent): void {
    const affected = this.visibility.affectedBy(event);
    if (!affected) return this.visibility.observe(event);
    const before = this.#visibleTo(affected);
    this.visibility.observe(event);
    const after = this.#visibleTo(affected);
    const gained = new Map<string, LocalUser[]>();
    const lost = new Map<string, LocalUser[]>();
    for (const [user, was] of before) {
      const now = after.get(user)!;
      for (const id of now) if (!was.has(id)) push(gained, id, user);
      for (const id of was) if (!now.has(id)) push(lost, id, user);
    }
    for (const [t, changes] of [["CHANNEL_CREATE", gained], ["CHANNEL_DELETE", lost]] as const) {
      for (const [channelId, users] of changes) {
        const channel = this.visibility.channel(affected.guildId, channelId);
        if (channel) this.#sendTo(users, new OutboundEvent(t, JSON.stringify(channel)));
      }
    }
  }

  /** Dispatches an event to every local session of its audience. */
  dispatch(event: BusEvent): void {
    const { to, exceptSessionId } = event;
    let out: OutboundEvent | null = null;
    if ("guildId" in to) {
      const users = this.#guilds.get(to.guildId);
      if (!users) return;
      if (event.t === "GUILD_UPDATE") return this.#dispatchPersonal(event, users);
      const channelId = to.channelId;
      // The fast path: a channel every member may view costs one lookup per event.
      const filtered = channelId !== undefined && !this.visibility.isOpen(to.guildId, channelId);
      for (const user of users) {
        if (filtered && !this.visibility.canView(user.id, to.guildId, channelId!)) continue;
        for (const session of user.sessions) {
          if (session.id !== exceptSessionId) session.dispatch(out ??= outbound(event));
        }
      }
      return;
    }
    const ids = to.userIds.length > 1 ? new Set(to.userIds) : to.userIds;
    for (const id of ids) {
      const user = this.users.get(id);
      if (!user) continue;
      for (const session of user.sessions) {
        if (session.id !== exceptSessionId) session.dispatch(out ??= outbound(event));
      }
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
    const out = new OutboundEvent(t, JSON.stringify(d ?? null));
    for (const user of targets) for (const session of user.sessions) session.dispatch(out);
  }

  /** Whether the audience includes the user. */
  concerns(user: LocalUser, to: Audience): boolean {
    if (!("guildId" in to)) return to.userIds.includes(user.id);
    if (!user.guildIds.has(to.guildId)) return false;
    return to.channelId === undefined ||
      this.visibility.canView(user.id, to.guildId, to.channelId);
  }

  /** GUILD_UPDATE: each follower gets the guild with their channels and permissions. */
  #dispatchPersonal(event: BusEvent, users: Set<LocalUser>): void {
    const guild = event.d as Guild;
    for (const user of users) {
      const d = this.visibility.personalise(user.id, guild);
      const out = new OutboundEvent(event.t, JSON.stringify(d));
      for (const session of user.sessions) {
        if (session.id !== event.exceptSessionId) session.dispatch(out);
      }
    }
  }

  /** The channels each affected local follower may view now. */
  #visibleTo(affected: Affected): Map<LocalUser, Set<string>> {
    const out = new Map<LocalUser, Set<string>>();
    const followers = this.#guilds.get(affected.guildId);
    if (!followers) return out;
    const ids = affected.userIds === "all" ? null : new Set(affected.userIds);
    for (const user of followers) {
      if (ids && !ids.has(user.id)) continue;
      let visible = this.visibility.visibleIds(user.id, affected.guildId);
      if (affected.channelIds !== "all") {
        const only = new Set(affected.channelIds);
        visible = new Set([...visible].filter((id) => only.has(id)));
      }
      out.set(user, visible);
    }
    return out;
  }

  #sendTo(users: LocalUser[], out: OutboundEvent): void {
    for (const user of users) for (const session of user.sessions) session.dispatch(out);
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
    this.visibility.dropMember(guildId, user.id);
    if (users?.size === 0) {
      this.#guilds.delete(guildId);
      this.#sizes.delete(guildId);
      this.visibility.forget(guildId);
    }
  }
}

function push(map: Map<string, LocalUser[]>, key: string, user: LocalUser): void {
  const list = map.get(key);
  if (list) list.push(user);
  else map.set(key, [user]);
}

/** The event serialised once for every session it reaches. */
export function outbound(event: BusEvent): OutboundEvent {
  return new OutboundEvent(event.t, JSON.stringify(event.d ?? null));
}
