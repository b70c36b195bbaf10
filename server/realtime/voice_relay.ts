/**
 * The gateway's side of mesh voice: relays `voice_signal` frames between
 * members of one voice room (to the target's bound gateway session, here or
 * through the bus on another instance), keeps the voice states of live
 * local sessions from lapsing, ends a state whose gateway session went
 * away and did not come back within the grace, and clears states when a
 * member leaves a guild or a voice channel is deleted.
 */
import type { Logger } from "../log.ts";
import { checkSignalData } from "../voice/signal.ts";
import type { ClientFrame } from "../wire/types.ts";
import type { Bus, BusEvent, VoiceSignalDelivery } from "./bus.ts";
import type { Fanout } from "./fanout.ts";
import type { Session } from "./session.ts";

/** What the relay asks of the voice domain (the VoiceService). */
export interface VoiceGateway {
  /** Where a signal goes, or why it may not. */
  routeSignal(
    userId: string,
    gatewaySessionId: string,
    voiceSessionId: string,
    to: string,
  ): Promise<{ ok: true; gatewaySessionId: string } | { ok: false; message: string }>;
  /** Ends the state bound to a gateway session that is gone. */
  endSession(userId: string, gatewaySessionId: string): Promise<void>;
  /** Extends the state bound to a live gateway session; false when none is. */
  refresh(userId: string, gatewaySessionId: string): Promise<boolean>;
  /** Ends the user's state in a guild they are no longer in. */
  leaveGuild(userId: string, guildId: string): Promise<void>;
  /** Ends every state of a deleted channel. */
  channelGone(channelId: string): Promise<void>;
}

/** What the relay is built from. */
export interface VoiceRelayDeps {
  bus: Bus;
  fanout: Fanout;
  log: Logger;
  /** Absent: every signal is refused as not in voice. */
  voice?: VoiceGateway;
  /** How long a bound session may stay without a socket before its state ends. */
  graceMs: number;
  /** How often the states of live local sessions are refreshed. */
  refreshMs: number;
}

type SignalFrame = Extract<ClientFrame, { op: "voice_signal" }>["d"];

function errorFrame(code: string, message: string): string {
  return JSON.stringify({ op: "error", d: { code, message } });
}

const NOT_IN_VOICE = errorFrame(
  "not_in_voice",
  "Cannot relay a voice signal: you are not in a voice channel",
);

/** Mesh voice on one instance's gateway. */
export class VoiceRelay {
  /** Users with local sessions who are in voice (as VOICE_STATE_UPDATEs said). */
  #active = new Set<string>();
  /** Sessions of active users without a socket, since when (monotonic ms). */
  #detached = new Map<Session, number>();
  /** The tail of each session's signals: relayed strictly in the order sent. */
  #queues = new Map<string, Promise<void>>();
  #inflight = new Set<Promise<unknown>>();
  #lastRefresh = 0;

  constructor(private readonly deps: VoiceRelayDeps) {}

  /**
   * Relays a client's `voice_signal`, or answers its socket with an error
   * frame: `not_in_voice` when sender and target are not in one mesh room,
   * `bad_voice_signal` when the data is malformed. Each session's signals
   * are handled one after another, so they arrive in the order sent.
   */
  signal(session: Session, d: SignalFrame): void {
    const voice = this.deps.voice;
    if (!voice) return session.sink?.send(NOT_IN_VOICE);
    const previous = this.#queues.get(session.id) ?? Promise.resolve();
    const next = previous.then(() => this.#relay(voice, session, d))
      .catch((e) => this.deps.log.warn("voice signal relay failed", { error: String(e) }));
    this.#queues.set(session.id, next);
    this.#track(next.finally(() => {
      if (this.#queues.get(session.id) === next) this.#queues.delete(session.id);
    }));
  }

  /** Sends a relayed signal to its session's socket, if that session lives here. */
  deliver(delivery: VoiceSignalDelivery): void {
    const session = this.deps.fanout.sessions.get(delivery.sessionId);
    if (session?.userId === delivery.userId) session.sink?.send(delivery.frame);
  }

  /** Follows who is in voice, and clears states when members or channels go. */
  observe(event: BusEvent): void {
    const voice = this.deps.voice;
    if (event.t === "VOICE_STATE_UPDATE") {
      const d = event.d as { userId?: unknown; channelId?: unknown } | null;
      if (typeof d?.userId !== "string") return;
      if (d.channelId === null) this.#active.delete(d.userId);
      else if (this.deps.fanout.users.has(d.userId)) this.#activate(d.userId);
      return;
    }
    // Once per event: on the instance that published it.
    if (!voice || event.origin !== undefined) return;
    if (event.t === "GUILD_MEMBER_REMOVE" || event.t === "GUILD_DELETE") {
      for (const e of event.effects ?? []) {
        if (e.op === "leave") this.#track(voice.leaveGuild(e.userId, e.guildId));
      }
    } else if (event.t === "CHANNEL_DELETE") {
      const d = event.d as { id?: unknown; type?: unknown } | null;
      if (d?.type === "voice" && typeof d.id === "string") this.#track(voice.channelGone(d.id));
    }
  }

  /** A user identified here while in voice (their `ready` lists their state). */
  noteReady(userId: string, inVoice: boolean): void {
    if (inVoice) this.#activate(userId);
  }

  /** A session lost its socket: its state ends unless it resumes within the grace. */
  detached(session: Session, now: number): void {
    if (this.#active.has(session.userId)) this.#detached.set(session, now);
  }

  /** Ends the states of sessions past the grace; refreshes those of live ones. */
  sweep(now: number): void {
    const voice = this.deps.voice;
    if (!voice) return;
    for (const [session, since] of this.#detached) {
      if (session.sink !== null) this.#detached.delete(session);
      else if (now - since >= this.deps.graceMs) {
        this.#detached.delete(session);
        this.#track(voice.endSession(session.userId, session.id));
      }
    }
    if (now - this.#lastRefresh < this.deps.refreshMs) return;
    this.#lastRefresh = now;
    for (const userId of this.#active) {
      const sessions = [...this.deps.fanout.users.get(userId)?.sessions ?? []]
        .filter((s) => s.sink !== null);
      if (sessions.length === 0) continue;
      this.#track(
        Promise.all(sessions.map((s) => voice.refresh(userId, s.id))).then((bound) => {
          if (!bound.includes(true)) this.#active.delete(userId);
        }),
      );
    }
  }

  /** Ends the states of every session waiting for a socket (the instance is stopping). */
  async stop(): Promise<void> {
    const voice = this.deps.voice;
    if (voice) {
      for (const session of this.#detached.keys()) {
        this.#track(voice.endSession(session.userId, session.id));
      }
    }
    this.#detached.clear();
    await this.settle();
  }

  /** Resolves when every relay and clean-up under way has finished. */
  async settle(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  async #relay(voice: VoiceGateway, session: Session, d: SignalFrame): Promise<void> {
    const route = await voice.routeSignal(session.userId, session.id, d.sessionId, d.to);
    if (!route.ok) return session.sink?.send(errorFrame("not_in_voice", route.message));
    const checked = checkSignalData(d.data);
    if (!checked.ok) {
      const message = `Cannot relay a voice signal: ${checked.reason}`;
      return session.sink?.send(errorFrame("bad_voice_signal", message));
    }
    const frame = JSON.stringify({
      op: "voice_signal",
      d: { from: session.userId, sessionId: d.sessionId, data: checked.data },
    });
    const delivery = { userId: d.to, sessionId: route.gatewaySessionId, frame };
    if (this.deps.fanout.sessions.has(delivery.sessionId)) return this.deliver(delivery);
    await this.deps.bus.publish({
      t: "VOICE_STATE_UPDATE",
      d: null,
      to: { userIds: [d.to] },
      voiceSignal: delivery,
    });
  }

  #activate(userId: string): void {
    this.#active.add(userId);
    // Sessions that dropped before the join was seen here still get their grace.
    for (const s of this.deps.fanout.users.get(userId)?.sessions ?? []) {
      if (s.sink === null && !this.#detached.has(s)) this.#detached.set(s, s.detachedAt);
    }
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch((e) =>
      this.deps.log.warn("voice clean-up failed", { error: String(e) })
    ).finally(() => this.#inflight.delete(tracked));
    this.#inflight.add(tracked);
  }
}
