/**
 * A small gateway client for scripts, the command-line chat and the
 * benchmark: log in over REST, identify, heartbeat, and on a dropped
 * connection reconnect and resume (or identify anew when the session is
 * gone). Uses only the platform's `fetch` and `WebSocket`.
 */
import type { EventName, ReadyPayload, ServerFrame, User } from "../wire/types.ts";

/** A logged-in account: the access token and a way to get a fresh one. */
export interface Login {
  baseUrl: string;
  user: User;
  accessToken: string;
  /** Rotates the refresh cookie and returns a new access token. */
  refresh(): Promise<string>;
}

/** Logs in with `POST /auth/login`, keeping the refresh cookie for {@link Login.refresh}. */
export async function login(baseUrl: string, loginName: string, password: string): Promise<Login> {
  const base = baseUrl.replace(/\/+$/, "");
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: loginName, password }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`Login as ${loginName} failed: ${body.title ?? res.status}`);
  let cookie = refreshCookie(res.headers) ?? "";
  const session: Login = {
    baseUrl: base,
    user: body.user,
    accessToken: body.accessToken,
    async refresh() {
      const r = await fetch(`${base}/api/v1/auth/refresh`, {
        method: "POST",
        headers: { cookie },
      });
      const b = await r.json();
      if (!r.ok) throw new Error(`Refreshing the session failed: ${b.title ?? r.status}`);
      cookie = refreshCookie(r.headers) ?? cookie;
      return session.accessToken = b.accessToken;
    },
  };
  return session;
}

function refreshCookie(headers: Headers): string | null {
  const first = headers.getSetCookie()[0];
  return first ? first.split(";")[0] : null;
}

/** Calls the REST API as the logged-in user; throws with the problem title on failure. */
export async function api<T>(
  session: Login,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${session.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${session.accessToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} failed: ${parsed?.detail ?? parsed?.title}`);
  return parsed as T;
}

/** Things a {@link GatewayClient} reports besides dispatches. */
export type ClientEvent = "ready" | "resumed" | "invalid_session" | "reconnecting" | "closed";

type Handler = (d: unknown) => void;

/** Codes after which reconnecting cannot help. */
const FATAL = new Set([4001, 4003]);

/** A reconnecting, resuming gateway connection. */
export class GatewayClient {
  sessionId: string | null = null;
  /** The `s` of the newest dispatch received. */
  seq = 0;
  #handlers = new Map<string, Set<Handler>>();
  #ws: WebSocket | null = null;
  #beat: ReturnType<typeof setInterval> | undefined;
  #acked = true;
  #closed = false;
  #retries = 0;
  #firstReady: PromiseWithResolvers<ReadyPayload> | null = null;

  constructor(readonly session: Login) {}

  /** Calls `handler` with the payload of each `t` dispatch, or of a client event. */
  on(t: EventName | ClientEvent, handler: Handler): () => void {
    let set = this.#handlers.get(t);
    if (!set) this.#handlers.set(t, set = new Set());
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Opens the gateway and identifies; resolves with the `ready` payload. */
  connect(): Promise<ReadyPayload> {
    this.#firstReady = Promise.withResolvers();
    this.#open();
    return this.#firstReady.promise;
  }

  /** Sends a client frame (ignored while disconnected). */
  send(frame: unknown): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(frame));
  }

  /** Drops the socket as a network failure would; the client then resumes on a new one. */
  reconnect(): void {
    this.#ws?.close(4000, "reconnecting");
  }

  /** Closes for good: no reconnect. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#beat);
    this.#ws?.close(1000);
  }

  #emit(t: string, d: unknown): void {
    for (const handler of this.#handlers.get(t) ?? []) handler(d);
  }

  #open(): void {
    const url = new URL("/api/v1/gateway", this.session.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url);
    this.#ws = ws;
    ws.onmessage = (e) => this.#onFrame(JSON.parse(String(e.data)) as ServerFrame);
    ws.onclose = (e) => this.#onClose(ws, e.code, e.reason);
  }

  #onFrame(frame: ServerFrame): void {
    switch (frame.op) {
      case "hello":
        this.#startHeartbeat(frame.d.heartbeatInterval);
        if (this.sessionId) {
          this.send({
            op: "resume",
            d: { token: this.session.accessToken, sessionId: this.sessionId, seq: this.seq },
          });
        } else this.send({ op: "identify", d: { token: this.session.accessToken } });
        return;
      case "dispatch":
        this.seq = frame.s;
        return this.#emit(frame.t, frame.d);
      case "heartbeat_ack":
        this.#acked = true;
        return;
      case "ready":
        this.sessionId = frame.d.sessionId;
        this.seq = 0;
        this.#retries = 0;
        this.#emit("ready", frame.d);
        this.#firstReady?.resolve(frame.d);
        this.#firstReady = null;
        return;
      case "resumed":
        this.#retries = 0;
        return this.#emit("resumed", frame.d);
      case "invalid_session":
        this.sessionId = null;
        this.#emit("invalid_session", frame.d);
        return this.send({ op: "identify", d: { token: this.session.accessToken } });
      case "error":
        return this.#emit("error", frame.d);
    }
  }

  #startHeartbeat(interval: number): void {
    clearInterval(this.#beat);
    this.#acked = true;
    this.#beat = setInterval(() => {
      // No ack since the last beat: the connection is dead even if the socket looks open.
      if (!this.#acked) return this.#ws?.close(4000, "no heartbeat ack");
      this.#acked = false;
      this.send({ op: "heartbeat", d: this.seq });
    }, interval);
  }

  async #onClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    if (ws !== this.#ws) return;
    clearInterval(this.#beat);
    if (this.#closed || FATAL.has(code)) {
      this.#closed = true;
      this.#emit("closed", { code, reason });
      this.#firstReady?.reject(new Error(`Gateway closed: ${code} ${reason}`));
      return;
    }
    if (code === 4004) {
      try {
        await this.session.refresh();
      } catch (e) {
        this.#closed = true;
        this.#emit("closed", { code, reason });
        this.#firstReady?.reject(e);
        return;
      }
    }
    const delay = Math.min(250 * 2 ** this.#retries++, 10_000) * (code === 4008 ? 4 : 1);
    this.#emit("reconnecting", { code, reason, delay });
    setTimeout(() => this.#closed || this.#open(), delay);
  }
}
