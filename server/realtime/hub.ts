/**
 * The gateway Hub of one instance: accepts sockets, runs the handshake
 * (hello → identify or resume → ready/resumed), keeps sockets alive or
 * closes them, and turns bus events into dispatches for the local sessions
 * of each event's audience. Subscription effects are applied around the
 * dispatch: `leave` before, `join` after.
 */
import type { Ids } from "../ids.ts";
import type { Logger } from "../log.ts";
import type {
  Channel,
  ClientFrame,
  Guild,
  ReadState,
  Relationship,
  User,
  VoiceState,
} from "../wire/types.ts";
import { CloseCode } from "../wire/types.ts";
import type { GuildAccessSnapshot } from "./access_snapshot.ts";
import type { Bus, BusEvent, SessionRevocation } from "./bus.ts";
import { Connection, type FrameBudget, type Login } from "./connection.ts";
import { DEFAULT_LARGE_GUILD_THRESHOLD, Fanout, type LocalUser, outbound } from "./fanout.ts";
import { MAX_FRAME_BYTES, parseClientFrame } from "./frames.ts";
import { PresenceRelay } from "./presence_relay.ts";
import type { PresenceTracker } from "./presence_tracker.ts";
import { Session } from "./session.ts";
import { type VoiceGateway, VoiceRelay } from "./voice_relay.ts";

/** What `ready` holds besides the session id, presences and voice states. */
export interface ReadyData {
  user: User;
  guilds: Guild[];
  dms: Channel[];
  relationships: Relationship[];
  readStates: ReadState[];
  /** Voice states in the user's guilds (none when absent). */
  voiceStates?: VoiceState[];
  /**
   * Each guild's permission data, for filtering channel events (never sent
   * to the client). Without it every member gets every channel's events.
   */
  access?: GuildAccessSnapshot[];
}

/** Timings and limits of the gateway; every field has a default. */
export interface GatewayOptions {
  /** Heartbeat interval announced in `hello` (41 250 ms). */
  heartbeatIntervalMs?: number;
  /** Time to identify after `hello` (one heartbeat interval). */
  identifyTimeoutMs?: number;
  /** How long a session outlives its socket, resumable (5 minutes). */
  resumeGraceMs?: number;
  /** Dispatches kept per session for resume (1000). */
  replayCapacity?: number;
  /** Client frames allowed per window (600 per 60 s: room for a full mesh call's ICE signalling). */
  frameBudget?: FrameBudget;
  /** Largest client frame in bytes (64 KiB). */
  maxFrameBytes?: number;
  /**
   * Guilds with more members than this (250 by default) are large: their
   * members' presence changes are not dispatched to the guild and `ready`
   * does not list them (friends and members of smaller shared guilds still
   * get both; GET /guilds/:id/members shows everyone's status). Without it
   * a connection storm in a big guild costs n² frames.
   */
  largeGuildThreshold?: number;
  /** How long a mesh voice state outlives its session's socket without a resume (15 s). */
  voiceGraceMs?: number;
  /** How often the voice states of live sessions are refreshed (60 s). */
  voiceRefreshMs?: number;
}

/** What the Hub is built from. */
export interface HubDeps extends GatewayOptions {
  bus: Bus;
  presence: PresenceTracker;
  /** This instance, as named in presence announcements. */
  instanceId: string;
  ids: Ids;
  log: Logger;
  /**
   * Verifies an access token (throws when it is not valid): its user and
   * the login (session family) it belongs to.
   */
  authenticate(token: string): Promise<Login>;
  /** Everything `ready` tells a client about its user. */
  loadReady(userId: string): Promise<ReadyData>;
  /** Monotonic milliseconds, for timeouts. */
  now?: () => number;
  /** Told of a session's `focus` op, and of `false` when its socket goes (web push). */
  onFocus?(userId: string, sessionId: string, focused: boolean): void;
  /** Mesh voice: signal routing and voice state clean-up (signals are refused without it). */
  voice?: VoiceGateway;
}

interface Pending {
  userId: string;
  backlog: BusEvent[];
}

const ACK = '{"op":"heartbeat_ack"}';

/** The gateway of this instance. */
export class Hub {
  readonly heartbeatIntervalMs: number;
  #fanout: Fanout;
  #deps: HubDeps;
  #now: () => number;
  #identifyTimeoutMs: number;
  #graceMs: number;
  #capacity: number;
  #budget: FrameBudget;
  #maxFrameBytes: number;
  #hello: string;
  #connections = new Set<Connection>();
  #pending = new Set<Pending>();
  #relay: PresenceRelay;
  #voice: VoiceRelay;
  #unsubscribe: (() => void) | null = null;
  #sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(deps: HubDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => performance.now());
    this.heartbeatIntervalMs = deps.heartbeatIntervalMs ?? 41_250;
    this.#identifyTimeoutMs = deps.identifyTimeoutMs ?? this.heartbeatIntervalMs;
    this.#graceMs = deps.resumeGraceMs ?? 5 * 60_000;
    this.#capacity = deps.replayCapacity ?? 1000;
    this.#budget = deps.frameBudget ?? { frames: 600, windowMs: 60_000 };
    this.#maxFrameBytes = deps.maxFrameBytes ?? MAX_FRAME_BYTES;
    this.#fanout = new Fanout(deps.largeGuildThreshold ?? DEFAULT_LARGE_GUILD_THRESHOLD);
    this.#relay = new PresenceRelay({
      bus: deps.bus,
      tracker: deps.presence,
      fanout: this.#fanout,
      instanceId: deps.instanceId,
      log: deps.log,
    });
    this.#voice = new VoiceRelay({
      bus: deps.bus,
      fanout: this.#fanout,
      log: deps.log,
      voice: deps.voice,
      graceMs: deps.voiceGraceMs ?? 15_000,
      refreshMs: deps.voiceRefreshMs ?? 60_000,
    });
    this.#hello = JSON.stringify({
      op: "hello",
      d: { heartbeatInterval: this.heartbeatIntervalMs },
    });
  }

  /** Subscribes to the bus and starts the liveness sweep; idempotent. */
  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#deps.bus.subscribe((event) => this.#onEvent(event));
    const every = Math.max(10, Math.min(this.heartbeatIntervalMs, this.#identifyTimeoutMs) / 4);
    const sweeper = setInterval(() => this.#sweep(), every);
    Deno.unrefTimer(sweeper);
    this.#sweeper = sweeper;
    this.#relay.requestSnapshot();
  }

  /** Closes every socket, announces their users offline here, and unsubscribes. */
  async stop(): Promise<void> {
    clearInterval(this.#sweeper);
    for (const conn of [...this.#connections]) this.#close(conn, 1000, "server is shutting down");
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await this.#voice.stop();
    await this.#relay.settle();
  }

  /** How many sockets are open here (for health output and tests). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Serves an upgraded (still connecting) WebSocket. */
  accept(socket: WebSocket): void {
    const conn = new Connection(socket, this.#now());
    this.#connections.add(conn);
    const hello = () => {
      conn.helloAt = conn.lastSeen = this.#now();
      conn.send(this.#hello);
    };
    if (socket.readyState === WebSocket.OPEN) hello();
    else socket.onopen = hello;
    socket.onmessage = (e) => this.#onMessage(conn, e.data);
    socket.onclose = () => this.#onClose(conn);
    socket.onerror = () => {}; // a close event follows
  }

  #onMessage(conn: Connection, data: unknown): void {
    if (conn.closed) return;
    if (!conn.admit(this.#now(), this.#budget)) {
      const { frames, windowMs } = this.#budget;
      return this.#close(
        conn,
        CloseCode.rateLimited,
        `more than ${frames} frames in ${windowMs} ms`,
      );
    }
    const parsed = parseClientFrame(data, this.#maxFrameBytes);
    if (!parsed.ok) return this.#close(conn, CloseCode.badPayload, parsed.reason);
    const frame = parsed.frame;
    if (frame.op === "heartbeat") return conn.send(ACK);
    if (frame.op === "identify" || frame.op === "resume") {
      if (conn.state !== "hello") {
        return this.#close(conn, CloseCode.badPayload, `cannot ${frame.op}: already ${conn.state}`);
      }
      conn.state = "authenticating";
      void this.#handshake(conn, frame).catch((e) => {
        this.#deps.log.error("gateway handshake failed", { error: String(e) });
        this.#close(conn, 1000, "could not start the session, please reconnect");
      });
      return;
    }
    const session = conn.session;
    if (conn.state !== "ready" || !session) {
      return this.#close(conn, CloseCode.notAuthenticated, `identify before sending ${frame.op}`);
    }
    if (frame.op === "presence_update") {
      const user = this.#fanout.users.get(session.userId);
      return user && this.#relay.setStatus(user, frame.d.status);
    }
    if (frame.op === "focus") {
      return this.#deps.onFocus?.(session.userId, session.id, frame.d.focused);
    }
    this.#voice.signal(session, frame.d);
  }

  async #handshake(
    conn: Connection,
    frame: Extract<ClientFrame, { op: "identify" | "resume" }>,
  ): Promise<void> {
    try {
      conn.login = await this.#deps.authenticate(frame.d.token);
    } catch {
      return this.#close(conn, CloseCode.authFailed, "the access token is invalid or expired");
    }
    const { userId } = conn.login;
    if (conn.closed) return;
    if (frame.op === "resume") return this.#resume(conn, userId, frame.d.sessionId, frame.d.seq);
    const pending: Pending = { userId, backlog: [] };
    this.#pending.add(pending);
    let data: ReadyData;
    try {
      data = await this.#deps.loadReady(userId);
    } finally {
      this.#pending.delete(pending);
    }
    if (conn.closed) return;
    this.#ready(conn, data, pending.backlog);
  }

  #ready(conn: Connection, readyData: ReadyData, backlog: BusEvent[]): void {
    const { access, ...data } = readyData;
    const userId = data.user.id;
    const friendIds = data.relationships.filter((r) => r.type === "friend").map((r) => r.user.id);
    const status = this.#deps.presence.chosen(userId);
    const fanout = this.#fanout;
    const user = fanout.enter(userId, data.guilds.map((g) => g.id), friendIds, status);
    for (const g of data.guilds) fanout.noteGuildSize(g.id, g.memberCount);
    for (const snapshot of access ?? []) fanout.seedAccess(snapshot, [userId]);
    const session = new Session(this.#deps.ids.next(), userId, this.#capacity);
    this.#fanout.addSession(user, session);
    // Events that passed while `ready` was loading: nothing between the read and now is lost.
    for (const event of backlog) this.#catchUp(user, session, event);
    const smallGuildIds = [...user.guildIds].filter((id) => !fanout.isLarge(id));
    const presences = this.#deps.presence.presences(smallGuildIds, user.friendIds);
    conn.send(JSON.stringify({
      op: "ready",
      d: { sessionId: session.id, ...data, presences, voiceStates: data.voiceStates ?? [] },
    }));
    this.#voice.noteReady(userId, data.voiceStates?.some((v) => v.userId === userId) ?? false);
    this.#attach(conn, session, 0);
  }

  #catchUp(user: LocalUser, session: Session, event: BusEvent): void {
    if (event.presence) return;
    const fanout = this.#fanout;
    const mine = event.effects?.filter((e) => e.userId === user.id) ?? [];
    if (event.access) fanout.seedAccess(event.access, mine.map((e) => e.userId));
    // Replayed in order over the snapshot: the cache ends where the live events left it.
    fanout.visibility.observe(event);
    for (const e of mine) if (e.op === "leave") fanout.applyEffect(e);
    if (fanout.concerns(user, event.to) && event.exceptSessionId !== session.id) {
      const d = event.t === "GUILD_UPDATE"
        ? fanout.visibility.personalise(user.id, event.d as Guild)
        : event.d;
      session.dispatch(outbound({ ...event, d }));
    }
    for (const e of mine) if (e.op === "join") fanout.applyEffect(e);
    fanout.visibility.observeAfter(event);
  }

  #resume(conn: Connection, userId: string, sessionId: string, seq: number): void {
    const session = this.#fanout.sessions.get(sessionId);
    let reason: string | null = null;
    if (!session || session.userId !== userId) reason = `no session ${sessionId} to resume`;
    else if (this.#expired(session)) reason = `session ${sessionId} has expired`;
    else if (seq > session.seq) reason = `seq ${seq} is ahead of the session (at ${session.seq})`;
    else if (!session.canReplayFrom(seq)) {
      reason = `${session.seq - seq} events were missed, more than the ${this.#capacity} kept`;
    }
    if (!session || reason) {
      conn.state = "hello";
      conn.helloAt = this.#now();
      conn.send(JSON.stringify({ op: "invalid_session", d: { reason } }));
      return;
    }
    const replayed = session.seq - seq;
    this.#attach(conn, session, seq);
    conn.send('{"op":"resumed","d":{"replayed":' + replayed + "}}");
  }

  /** Sends what the session holds after `seq`, then makes the socket its sink. */
  #attach(conn: Connection, session: Session, seq: number): void {
    const previous = session.sink;
    for (const frame of session.framesAfter(seq)) conn.send(frame);
    session.sink = conn;
    session.detachedAt = 0;
    conn.session = session;
    conn.state = "ready";
    const user = this.#fanout.users.get(session.userId)!;
    if (++user.sockets === 1) this.#relay.announce(user);
    if (previous instanceof Connection && previous !== conn) {
      this.#close(previous, CloseCode.sessionTimedOut, "the session was resumed elsewhere");
    }
  }

  #onClose(conn: Connection): void {
    conn.state = "closed";
    this.#detach(conn);
  }

  #close(conn: Connection, code: number, reason: string): void {
    conn.close(code, reason);
    this.#detach(conn);
  }

  /** Lets go of a socket: its session waits for a resume, its user may go offline. */
  #detach(conn: Connection): void {
    this.#connections.delete(conn);
    const session = conn.session;
    if (!session) return;
    conn.session = null;
    this.#deps.onFocus?.(session.userId, session.id, false);
    if (session.sink === conn) {
      session.sink = null;
      session.detachedAt = this.#now();
      this.#voice.detached(session, session.detachedAt);
    }
    const user = this.#fanout.users.get(session.userId);
    if (user && --user.sockets === 0) this.#relay.announce(user);
  }

  #expired(session: Session): boolean {
    return session.sink === null && this.#now() - session.detachedAt > this.#graceMs;
  }

  #sweep(): void {
    const now = this.#now();
    for (const conn of this.#connections) {
      if (conn.state === "hello" && now - conn.helloAt > this.#identifyTimeoutMs) {
        this.#close(conn, CloseCode.notAuthenticated, "no identify in time");
      } else if (now - conn.lastSeen > 2 * this.heartbeatIntervalMs) {
        this.#close(conn, CloseCode.sessionTimedOut, "no heartbeat for two intervals");
      }
    }
    for (const session of this.#fanout.sessions.values()) {
      if (this.#expired(session)) this.#fanout.removeSession(session);
    }
    this.#voice.sweep(now);
  }

  #onEvent(event: BusEvent): void {
    if (event.presence) return this.#relay.receive(event.presence);
    if (event.voiceSignal) return this.#voice.deliver(event.voiceSignal);
    if (event.revoked) return this.#revoke(event.revoked);
    for (const pending of this.#pending) pending.backlog.push(event);
    const effects = event.effects;
    const fanout = this.#fanout;
    if (event.access && effects) fanout.seedAccess(event.access, effects.map((e) => e.userId));
    fanout.observePermissions(event);
    if (effects) { for (const e of effects) if (e.op === "leave") this.#applyEffect(e); }
    fanout.dispatch(event);
    if (effects) { for (const e of effects) if (e.op === "join") this.#applyEffect(e); }
    fanout.visibility.observeAfter(event);
    this.#fanout.trackGuildSize(event);
    if (event.t === "RELATIONSHIP_ADD" || event.t === "RELATIONSHIP_REMOVE") {
      this.#relay.followFriends(event);
    }
    this.#voice.observe(event);
  }

  /** Closes the sockets of revoked logins: their tokens would no longer be accepted. */
  #revoke(revoked: SessionRevocation): void {
    const revokes = "userId" in revoked
      ? (login: Login) => login.userId === revoked.userId
      : (login: Login) => login.sessionId === revoked.familyId;
    // Closing deletes the connection from the set: safe while iterating it.
    for (const conn of this.#connections) {
      if (conn.login && revokes(conn.login)) {
        this.#close(conn, CloseCode.authFailed, "the session was revoked: log in again");
      }
    }
  }

  #applyEffect(effect: NonNullable<BusEvent["effects"]>[number]): void {
    this.#deps.presence.applyEffect(effect);
    this.#fanout.applyEffect(effect);
  }
}
