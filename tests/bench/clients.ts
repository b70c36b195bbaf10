/**
 * The load generator's clients, one kind per target. Each connects one
 * socket, resolves once it is ready to receive broadcasts, and reports
 * every received message's `seq` to the {@link DeliverySink}. They run in
 * the client threads of client_pool.ts.
 */
import { io, type Socket, WebSocket as NativeWebSocketTransport } from "socket.io-client";
import type { DeliverySink } from "./tracker.ts";

/** One connected client. */
export interface Client {
  close(): void;
}

/** Opens client number `i`; resolves when it is ready for broadcasts. */
export type Connect = (i: number, sink: DeliverySink) => Promise<Client>;

/**
 * Which clients a target takes, as plain data a client thread can be
 * sent: `gateway` needs the access token of every client by index.
 */
export type ClientSpec =
  | { kind: "bare" | "sized" | "socketio"; url: string }
  | { kind: "gateway"; url: string; tokens: string[] };

/** The connect function of a spec. */
export function connectorOf(spec: ClientSpec): Connect {
  switch (spec.kind) {
    case "bare":
      return bareClient(spec.url);
    case "sized":
      return bareSizedClient(spec.url);
    case "socketio":
      return socketIoClient(spec.url);
    case "gateway":
      return gatewayClient(spec.url, spec.tokens);
  }
}

/** The connected clients, and the errors of those that failed. */
export interface ConnectedClients {
  clients: Client[];
  failures: Map<string, number>;
}

const CONNECT_TIMEOUT_MS = 20_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects the clients numbered `indices` with at most `parallel`
 * handshakes in flight; no new handshake starts after `deadlineMs`, so a
 * slow server cannot stretch the run (the ones not started count as
 * failures).
 */
export async function connectMany(
  indices: number[],
  connect: Connect,
  sink: DeliverySink,
  deadlineMs: number,
  parallel: number,
): Promise<ConnectedClients> {
  const clients: Client[] = [];
  const failures = new Map<string, number>();
  const stopAt = performance.now() + deadlineMs;
  let next = 0;
  const worker = async () => {
    while (next < indices.length) {
      if (performance.now() > stopAt) {
        const why = `not started: connect phase over ${deadlineMs / 1000} s`;
        failures.set(why, (failures.get(why) ?? 0) + (indices.length - next));
        next = indices.length;
        break;
      }
      const i = indices[next++];
      try {
        clients.push(await withTimeout(connect(i, sink), CONNECT_TIMEOUT_MS, "connect"));
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, indices.length) }, worker));
  return { clients, failures };
}

/** Unexpected closes after ready, across all pools of the process. */
const dropped = { count: 0, reasons: new Map<string, number>() };

function noteDrop(reason: string): void {
  dropped.count++;
  dropped.reasons.set(reason, (dropped.reasons.get(reason) ?? 0) + 1);
}

/** Gateway frames received by op, and dispatches by event name. */
const frames = new Map<string, number>();

/** Delivery frames received and their characters, for the mean frame size. */
const deliveryFrames = { count: 0, chars: 0 };

function noteDelivery(frame: string): void {
  deliveryFrames.count++;
  deliveryFrames.chars += frame.length;
}

/** What a thread's clients saw, as plain data that can be posted and summed. */
export interface ClientStats {
  drops: number;
  dropReasons: [string, number][];
  frames: [string, number][];
  deliveryFrames: number;
  deliveryChars: number;
}

/** Unexpected closes and gateway frame counts since the last {@link resetClientStats}. */
export function clientStats(): ClientStats {
  return {
    drops: dropped.count,
    dropReasons: [...dropped.reasons],
    frames: [...frames],
    deliveryFrames: deliveryFrames.count,
    deliveryChars: deliveryFrames.chars,
  };
}

/** Resets the counters before a target's run. */
export function resetClientStats(): void {
  dropped.count = 0;
  dropped.reasons.clear();
  frames.clear();
  deliveryFrames.count = deliveryFrames.chars = 0;
}

/**
 * A client of the bare server: it parses every text frame and hands
 * `seqOf` of it to the sink.
 */
function broadcastClient(url: string, seqOf: (frame: unknown) => number): Connect {
  return (_i, sink) =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      let closing = false;
      let ready = false;
      ws.onopen = () => {
        ready = true;
        resolve({ close: () => (closing = true, ws.close()) });
      };
      ws.onmessage = (e) => {
        noteDelivery(e.data);
        sink.deliver(seqOf(JSON.parse(e.data)));
      };
      ws.onclose = (e) => {
        if (!ready) reject(new Error(`closed before open: ${e.code}`));
        else if (!closing) noteDrop(`closed ${e.code}`);
      };
    });
}

/** A client of the bare server: every text frame is `{t, seq, t0}`. */
export function bareClient(url: string): Connect {
  return broadcastClient(url, (frame) => (frame as { seq: number }).seq);
}

/**
 * A client of the bare server in `message-sized` mode: it reads the `seq`
 * of each MESSAGE_CREATE-shaped frame from its nonce, as
 * {@link gatewayClient} does.
 */
export function bareSizedClient(url: string): Connect {
  return broadcastClient(
    url,
    (frame) => seqOfNonce((frame as GatewayFrame & { d: { nonce?: unknown } }).d.nonce),
  );
}

/**
 * A socket.io-client (WebSocket transport only) receiving `msg` events.
 * The transport is engine.io's built-in-WebSocket one, so all three
 * targets' clients sit on the same (Deno's) WebSocket and differ only in
 * protocol handling, rather than on the `ws` package through Node
 * compatibility.
 */
export function socketIoClient(url: string): Connect {
  return (_i, sink) =>
    new Promise((resolve, reject) => {
      const socket: Socket = io(url, {
        transports: [NativeWebSocketTransport],
        forceNew: true,
        reconnection: false,
        timeout: CONNECT_TIMEOUT_MS,
      });
      let closing = false;
      let ready = false;
      socket.on("msg", (m: { seq: number }) => sink.deliver(m.seq));
      socket.on("connect", () => {
        ready = true;
        resolve({ close: () => (closing = true, socket.disconnect()) });
      });
      socket.on("connect_error", (e: Error) => reject(new Error(`connect_error: ${e.message}`)));
      socket.on("disconnect", (reason: string) => {
        if (ready && !closing) noteDrop(`disconnect: ${reason}`);
      });
    });
}

/**
 * The nonce of benchmark message `seq` in the run `tag`. The tag keeps
 * nonces unique across the scenarios that reuse one store: the server
 * answers a repeated nonce with the first message and sends no event.
 */
export function benchNonce(tag: string, seq: number): string {
  return `bench-${tag}-${seq}`;
}

function seqOfNonce(nonce: unknown): number {
  if (typeof nonce !== "string" || !nonce.startsWith("bench-")) return -1;
  return Number(nonce.slice(nonce.lastIndexOf("-") + 1));
}

interface GatewayFrame {
  op: string;
  d?: unknown;
  s?: number;
  t?: string;
}

/**
 * A client of our gateway as API.md specifies it: wait for hello,
 * identify with the access token, wait for ready, heartbeat every
 * interval with the last seq, and count MESSAGE_CREATE dispatches.
 */
export function gatewayClient(url: string, tokens: string[]): Connect {
  return (i, sink) =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      let lastSeq: number | null = null;
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      let ready = false;
      let closing = false;
      const close = () => {
        closing = true;
        clearInterval(heartbeat);
        ws.close();
      };
      ws.onmessage = (e) => {
        const frame = JSON.parse(e.data) as GatewayFrame;
        if (typeof frame.s === "number") lastSeq = frame.s;
        const kind = frame.op === "dispatch" ? String(frame.t) : frame.op;
        frames.set(kind, (frames.get(kind) ?? 0) + 1);
        if (frame.op === "dispatch") {
          if (frame.t === "MESSAGE_CREATE") {
            const seq = seqOfNonce((frame.d as { nonce?: unknown }).nonce);
            if (seq >= 0) {
              noteDelivery(e.data);
              sink.deliver(seq);
            }
          }
        } else if (frame.op === "hello") {
          const every = (frame.d as { heartbeatInterval: number }).heartbeatInterval;
          ws.send(JSON.stringify({ op: "identify", d: { token: tokens[i] } }));
          const beat = () => ws.send(JSON.stringify({ op: "heartbeat", d: lastSeq }));
          // Spread the first beat so thousands of clients do not beat in step.
          setTimeout(() => {
            if (ws.readyState !== WebSocket.OPEN) return;
            beat();
            heartbeat = setInterval(beat, every);
          }, Math.random() * every);
        } else if (frame.op === "ready") {
          ready = true;
          resolve({ close });
        } else if (frame.op === "invalid_session") {
          reject(new Error("invalid_session after identify"));
          close();
        }
      };
      ws.onclose = (e) => {
        clearInterval(heartbeat);
        if (!ready) reject(new Error(`closed before ready: ${e.code} ${e.reason}`));
        else if (!closing) noteDrop(`closed ${e.code} ${e.reason}`);
      };
    });
}
