/**
 * The browser's gateway client: hello → identify (or resume), heartbeats,
 * and reconnects with capped exponential backoff and jitter. A dropped
 * socket resumes its session (the server replays what was missed); when
 * the server cannot resume (`invalid_session`) the client identifies anew
 * and tells its owner to refetch history. A rejected token (4004) is
 * refreshed before the next attempt. The session id and sequence live in
 * memory only, so a reload identifies fresh (and the owner refetches after
 * its newest cached messages).
 */
import type { ClientFrame, EventName, ReadyPayload, ServerFrame } from "../../server/wire/types.ts";
import { backoffDelay } from "./backoff.ts";

/** What the gateway tells its owner. */
export interface GatewayHandlers {
  /** A fresh session started; `afterInvalid` when a resume was refused (history may have gaps). */
  ready(payload: ReadyPayload, info: { afterInvalid: boolean; reconnect: boolean }): void;
  /** The session resumed; missed dispatches were replayed before this. */
  resumed(): void;
  /** One event. */
  dispatch(t: EventName, d: unknown): void;
  /** The socket went down or is coming up; `failures` counts consecutive failed attempts. */
  status(status: "connecting" | "online" | "down", failures: number): void;
  /** Refreshing the access token failed with 401: the session is over. */
  authLost(): void;
  /** A mesh voice signal relayed from another member of our voice channel. */
  voiceSignal?(d: { from: string; sessionId: string; data: unknown }): void;
}

/** How the client gets tokens and sockets (injected so it stays testable). */
export interface GatewayOptions {
  url: string;
  /** The current access token (refreshing first when there is none). */
  token(): Promise<string>;
  /** A new access token replacing `stale` (throws `{status: 401}` when the session is over). */
  refresh(stale: string | null): Promise<string>;
  handlers: GatewayHandlers;
  createSocket?: (url: string) => WebSocket;
}

/** One gateway connection that keeps itself up until {@link Gateway.close}. */
export class Gateway {
  #socket: WebSocket | null = null;
  #sessionId: string | null = null;
  #seq = 0;
  #failures = 0;
  #beat: ReturnType<typeof setInterval> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #acked = true;
  #closed = false;
  #invalidated = false;
  #everReady = false;
  #token: string | null = null;
  #needsRefresh = false;
  #opening = false;
  /** The focus last told to this session (null: not yet), for the `focus` op. */
  #focusSent: boolean | null = null;

  constructor(readonly options: GatewayOptions) {
    // Pushes skip users with a focused client: tell the server whenever that changes.
    if (typeof document === "undefined") return;
    const report = () => this.#reportFocus();
    addEventListener("focus", report);
    addEventListener("blur", report);
    document.addEventListener("visibilitychange", report);
  }

  /** Opens the socket (no-op when one is open or opening). */
  connect(): void {
    this.#closed = false;
    if (this.#socket || this.#opening) return;
    clearTimeout(this.#retry);
    this.options.handlers.status("connecting", this.#failures);
    void this.#open();
  }

  /** Drops the current socket and connects again now (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.#closed) return;
    clearTimeout(this.#retry);
    this.#failures = 0;
    this.#drop();
    this.connect();
  }

  /** Marks the link down without waiting for timeouts (the browser went offline). */
  suspend(): void {
    clearTimeout(this.#retry);
    this.#drop();
    this.options.handlers.status("down", this.#failures);
  }

  /** Closes for good (logout). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retry);
    this.#drop();
    this.#sessionId = null;
    this.#seq = 0;
  }

  /** Sends a frame if the session is up; false otherwise. */
  send(frame: ClientFrame): boolean {
    if (this.#socket?.readyState !== 1) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  async #open(): Promise<void> {
    this.#opening = true;
    let socket: WebSocket;
    try {
      if (this.#needsRefresh) {
        this.#token = await this.options.refresh(this.#token);
        this.#needsRefresh = false;
      } else {
        this.#token = await this.options.token();
      }
      if (this.#closed) return;
      socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
    } catch (error) {
      if ((error as { status?: number }).status === 401) return this.options.handlers.authLost();
      return this.#scheduleRetry();
    } finally {
      this.#opening = false;
    }
    this.#socket = socket;
    socket.onmessage = (event) => this.#onFrame(socket, String(event.data));
    socket.onclose = (event) => this.#onClose(socket, event.code);
    socket.onerror = () => socket.close();
  }

  #onFrame(socket: WebSocket, raw: string): void {
    if (socket !== this.#socket) return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(raw) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.op) {
      case "hello":
        this.#startHeartbeat(frame.d.heartbeatInterval);
        return this.#handshake();
      case "ready":
        return this.#onReady(frame.d);
      case "resumed":
        this.#failures = 0;
        this.options.handlers.status("online", 0);
        this.#reportFocus(true);
        return this.options.handlers.resumed();
      case "invalid_session":
        this.#sessionId = null;
        this.#seq = 0;
        this.#invalidated = true;
        return this.#handshake();
      case "heartbeat_ack":
        this.#acked = true;
        return;
      case "dispatch":
        if (frame.s > this.#seq) this.#seq = frame.s;
        return this.options.handlers.dispatch(frame.t, frame.d);
      case "voice_signal":
        return this.options.handlers.voiceSignal?.(frame.d);
      default:
        return;
    }
  }

  #reportFocus(always = false): void {
    if (typeof document === "undefined") return;
    const focused = document.visibilityState === "visible" && document.hasFocus();
    if (!always && focused === this.#focusSent) return;
    if (this.send({ op: "focus", d: { focused } })) this.#focusSent = focused;
  }

  #onReady(payload: ReadyPayload): void {
    this.#sessionId = payload.sessionId;
    this.#failures = 0;
    const info = { afterInvalid: this.#invalidated, reconnect: this.#everReady };
    this.#invalidated = false;
    this.#everReady = true;
    this.options.handlers.status("online", 0);
    this.#reportFocus(true);
    this.options.handlers.ready(payload, info);
  }

  #handshake(): void {
    const token = this.#token ?? "";
    if (this.#sessionId) {
      this.send({ op: "resume", d: { token, sessionId: this.#sessionId, seq: this.#seq } });
    } else {
      this.send({ op: "identify", d: { token } });
    }
  }

  #startHeartbeat(interval: number): void {
    clearInterval(this.#beat);
    this.#acked = true;
    this.#beat = setInterval(() => {
      if (!this.#acked) return this.#socket?.close(); // zombie link: reconnect
      this.#acked = false;
      this.send({ op: "heartbeat", d: this.#seq || null });
    }, Math.max(1000, interval));
  }

  #onClose(socket: WebSocket, code: number): void {
    if (socket !== this.#socket) return;
    this.#drop();
    if (this.#closed) return;
    if (code === 4004) this.#needsRefresh = true; // token rejected: refresh, then identify again
    if (code === 4001 || code === 4009) {
      this.#sessionId = null; // bad payload or timed out: start a fresh session
      this.#seq = 0;
    }
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed) return;
    const delay = backoffDelay(this.#failures++);
    this.options.handlers.status("down", this.#failures);
    this.#retry = setTimeout(() => this.connect(), delay);
  }

  #drop(): void {
    clearInterval(this.#beat);
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }
}
