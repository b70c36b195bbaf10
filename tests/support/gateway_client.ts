/**
 * A raw gateway client for tests: records every frame, waits for frames
 * or the close, and sends anything (including garbage). No timers decide
 * outcomes: waits end when a frame arrives or fail after a generous limit.
 */

/** A frame as received (parsed JSON). */
// deno-lint-ignore no-explicit-any
export type Frame = { op: string; t?: string; s?: number; d?: any };

/** How a socket ended. */
export interface Closed {
  code: number;
  reason: string;
}

const WAIT_MS = 5_000;

/** One WebSocket to the gateway. */
export class GatewaySocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<Closed>;
  #waiters = new Set<() => void>();
  #closedWith: Closed | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.onmessage = (e) => {
      this.frames.push(JSON.parse(String(e.data)));
      for (const wake of [...this.#waiters]) wake();
    };
    this.closed = new Promise((resolve) => {
      ws.onclose = (e) => {
        this.#closedWith = { code: e.code, reason: e.reason };
        resolve(this.#closedWith);
        for (const wake of [...this.#waiters]) wake();
      };
    });
  }

  /** Connects to `wsUrl` and waits for `hello`. */
  static async connect(wsUrl: string): Promise<GatewaySocket> {
    const socket = new GatewaySocket(new WebSocket(wsUrl));
    await socket.waitFor((f) => f.op === "hello");
    return socket;
  }

  /** Sends a frame (objects as JSON, strings as they are). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Identifies and returns the `ready` payload. */
  async identify(token: string) {
    const from = this.frames.length;
    this.send({ op: "identify", d: { token } });
    return (await this.waitFor((f) => f.op === "ready", from)).d;
  }

  /** The first frame at index `from` or later matching `match`, waiting for it if needed. */
  waitFor(match: (f: Frame) => boolean, from = 0): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (found) return done(() => resolve(found));
        if (this.#closedWith) {
          const { code, reason } = this.#closedWith;
          done(() => reject(new Error(`socket closed (${code} ${reason}) before the frame came`)));
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no matching frame within ${WAIT_MS} ms`))),
        WAIT_MS,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Waits for the dispatch `t` whose payload matches. */
  // deno-lint-ignore no-explicit-any
  dispatch(t: string, match: (d: any) => boolean = () => true, from = 0): Promise<Frame> {
    return this.waitFor((f) => f.op === "dispatch" && f.t === t && match(f.d), from);
  }

  /** Every dispatch received so far, optionally of one type. */
  dispatches(t?: string): Frame[] {
    return this.frames.filter((f) => f.op === "dispatch" && (!t || f.t === t));
  }

  /** The sequence number of the newest dispatch received. */
  get lastSeq(): number {
    return this.dispatches().at(-1)?.s ?? 0;
  }

  /** Waits for the server to close the socket. */
  async closedBy(): Promise<Closed> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("socket still open")), WAIT_MS);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes from the client side and waits until closed. */
  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close();
    await this.closed;
  }
}
