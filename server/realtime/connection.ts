/** One gateway socket: its handshake state, liveness and frame budget. */
import { closeReason } from "./frames.ts";
import type { Session, SessionSink } from "./session.ts";

/** Where a socket is in the handshake. */
export type ConnectionState = "hello" | "authenticating" | "ready" | "closed";

/** Frames per window a client may send before 4008. */
export interface FrameBudget {
  frames: number;
  windowMs: number;
}

/** A user's login (session family) an access token belongs to. */
export interface Login {
  userId: string;
  sessionId: string;
}

/** A socket the Hub serves; writes go straight to the WebSocket. */
export class Connection implements SessionSink {
  state: ConnectionState = "hello";
  session: Session | null = null;
  /** The login whose access token identified this socket, once verified. */
  login: Login | null = null;
  /** Monotonic ms of the last frame received (or of the handshake start). */
  lastSeen: number;
  /** Monotonic ms since when the client must identify. */
  helloAt: number;
  #windowStart: number;
  #frames = 0;

  constructor(readonly socket: WebSocket, now: number) {
    this.lastSeen = now;
    this.helloAt = now;
    this.#windowStart = now;
  }

  /** Whether the socket was closed (by either side). */
  get closed(): boolean {
    return this.state === "closed";
  }

  /** Sends a frame while the socket is open; silently drops it otherwise. */
  send(frame: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  /** Counts a received frame; false when the client is over its budget. */
  admit(now: number, budget: FrameBudget): boolean {
    this.lastSeen = now;
    if (now - this.#windowStart >= budget.windowMs) {
      this.#windowStart = now;
      this.#frames = 0;
    }
    return ++this.#frames <= budget.frames;
  }

  /** Closes the socket with a gateway close code; true the first time only. */
  close(code: number, reason: string): boolean {
    if (this.state === "closed") return false;
    this.state = "closed";
    try {
      this.socket.close(code, closeReason(reason));
    } catch {
      // already closing: nothing more to say to the client
    }
    return true;
  }
}
