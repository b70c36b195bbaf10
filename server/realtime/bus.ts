/**
 * The Bus carries events from the instance that made a change to the Hub
 * of every instance. Services publish only after the store accepted the
 * write, so an event never announces something that is not stored.
 */
import type { EventName } from "../wire/types.ts";
import type { GuildAccessSnapshot } from "./access_snapshot.ts";

/** Who an event is for. */
export type Audience =
  /** Every member of the guild (optionally: who may view that channel). */
  | { guildId: string; channelId?: string }
  /** Exactly these users (DMs, relationships, read states, own profile). */
  | { userIds: string[] };

/**
 * A change in who follows a guild, applied by each Hub to that user's
 * sockets as the event passes: `join` after GUILD_CREATE reaches a new
 * member, `leave` before a removed member could see anything more.
 */
export interface SubscriptionEffect {
  op: "join" | "leave";
  userId: string;
  guildId: string;
}

/** One event on the bus. */
export interface BusEvent {
  t: EventName;
  d: unknown;
  to: Audience;
  /** Applied before dispatching `leave`s and after dispatching `join`s. */
  effects?: SubscriptionEffect[];
  /**
   * The guild's roles, channels and the joining members' roles, on events
   * whose `join` effects make users follow a guild: each Hub seeds its
   * channel-visibility cache from it. Never dispatched.
   */
  access?: GuildAccessSnapshot;
  /** When set, the socket of this gateway session does not get the event. */
  exceptSessionId?: string;
  /**
   * Presence bookkeeping between gateway instances (set only by the Hub):
   * such an event is not dispatched as is; each Hub updates its shared
   * view and tells its own sockets when what others see changed.
   */
  presence?: PresenceSync;
  /**
   * The instance that published the event, set only on events received
   * from another instance (absent on this instance's own events), so work
   * that must happen once per event (web push) runs where it was published.
   */
  origin?: string;
  /**
   * A mesh voice signal for one gateway session (set only by the Hub's
   * voice relay): not dispatched; the instance holding that session sends
   * the frame to its socket.
   */
  voiceSignal?: VoiceSignalDelivery;
  /**
   * Sessions were revoked (logout, password reset, a reused refresh
   * token; published by the store's read cache once the write ended):
   * each instance forgets the sessions it cached, so a revoked access
   * token is refused everywhere at once. Not dispatched.
   */
  revoked?: SessionRevocation;
}

/** Which sessions were revoked: one family, or every family of a user. */
export type SessionRevocation = { familyId: string } | { userId: string };

/** A relayed `voice_signal` frame, already serialised, for one user's gateway session. */
export interface VoiceSignalDelivery {
  userId: string;
  sessionId: string;
  frame: string;
}

/** A status a user may choose; `invisible` reads as offline to others. */
export type ChosenStatus = "online" | "idle" | "dnd" | "invisible";

/**
 * One instance's view of one user, or a request that every instance
 * re-announce its users (sent by an instance that just started).
 */
export type PresenceSync =
  | {
    kind: "state";
    instanceId: string;
    userId: string;
    /** Open, identified sockets of the user on that instance. */
    sockets: number;
    status: ChosenStatus;
    /** When the status was chosen (ms since the epoch): the newest choice wins. */
    at: number;
    /** Whom a change concerns: the user's guilds and friends. */
    guildIds: string[];
    friendIds: string[];
  }
  | { kind: "request"; instanceId: string };

/** Publish/subscribe across every instance of the app. */
export interface Bus {
  /** Sends the event to every subscriber of every instance (this one too). */
  publish(event: BusEvent): Promise<void>;
  /** Calls `handler` with every event; returns the unsubscribe function. */
  subscribe(handler: (event: BusEvent) => void): () => void;
  close(): Promise<void>;
}

/** The bus of a single instance: a synchronous in-process fan-out. */
export function localBus(): Bus {
  const handlers = new Set<(event: BusEvent) => void>();
  return {
    publish(event) {
      for (const handler of handlers) handler(event);
      return Promise.resolve();
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      handlers.clear();
      return Promise.resolve();
    },
  };
}
