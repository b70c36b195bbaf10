/**
 * The load generator's clients, spread over worker threads. One thread
 * parsing every delivery of 1,000+ sockets is a bottleneck of its own:
 * when it falls behind, frames wait in its sockets' receive queues and the
 * latency measured is the generator's, not the server's. Client i runs in
 * thread i mod `threads`; deliveries are counted in the tracker's shared
 * memory and latency samples are gathered from the threads at the end of
 * a phase.
 */
import type { ClientSpec, ClientStats } from "./clients.ts";
import type { WorkerRequest } from "./client_worker.ts";
import type { Tracker } from "./tracker.ts";

/** Client threads by default: one per core of the machine the benchmark was sized for. */
export const DEFAULT_CLIENT_THREADS = 2;
/** Handshakes in flight across all threads while connecting. */
const PARALLEL_HANDSHAKES = 100;

/** A connected pool of clients. */
export interface ClientPool {
  connected: number;
  failures: Map<string, number>;
  /** The latencies recorded since the last call, from every thread (ms, unsorted). */
  samples(): Promise<Float64Array>;
  /** What the clients saw since they connected, summed over the threads. */
  stats(): Promise<PoolStats>;
  /** A full garbage collection in every thread (see processes.ts `collectGarbage`). */
  collect(): Promise<void>;
  /** Closes every client and stops the threads; again, does nothing. */
  close(): Promise<void>;
}

/** {@link ClientStats} summed over the threads. */
export interface PoolStats {
  drops: { count: number; reasons: Map<string, number> };
  frames: Map<string, number>;
  meanDeliveryFrame: number;
}

/** A worker that answers each request with one reply of the same op. */
class ClientThread {
  readonly #worker = new Worker(new URL("./client_worker.ts", import.meta.url), {
    type: "module",
  });
  #waiting = new Map<string, (reply: Record<string, unknown>) => void>();

  constructor() {
    this.#worker.onmessage = (e: MessageEvent<Record<string, unknown>>) => {
      const op = String(e.data.op);
      const resolve = this.#waiting.get(op);
      this.#waiting.delete(op);
      resolve?.(e.data);
    };
  }

  ask<T>(req: WorkerRequest): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.has(req.op)) reject(new Error(`a ${req.op} request is already waiting`));
      this.#waiting.set(req.op, (reply) => resolve(reply as T));
      this.#worker.postMessage(req);
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }
}

/** Connects `n` clients of `spec` over `threads` threads, counting deliveries in `tracker`. */
export async function openClients(
  spec: ClientSpec,
  n: number,
  tracker: Tracker,
  deadlineMs: number,
  threads = DEFAULT_CLIENT_THREADS,
): Promise<ClientPool> {
  const count = Math.max(1, Math.min(threads, n));
  const pool = Array.from({ length: count }, () => new ClientThread());
  let closed = false;
  const replies = await Promise.all(
    pool.map((thread, k) =>
      thread.ask<{ connected: number; failures: [string, number][] }>({
        op: "connect",
        spec,
        indices: Array.from({ length: Math.ceil((n - k) / count) }, (_, j) => k + j * count),
        buffers: tracker.buffers,
        deadlineMs,
        parallel: Math.ceil(PARALLEL_HANDSHAKES / count),
      })
    ),
  );
  const failures = new Map<string, number>();
  for (const reply of replies) {
    for (const [why, times] of reply.failures) failures.set(why, (failures.get(why) ?? 0) + times);
  }
  return {
    connected: replies.reduce((sum, r) => sum + r.connected, 0),
    failures,
    async samples() {
      const parts = await Promise.all(
        pool.map((t) => t.ask<{ samples: Float64Array }>({ op: "samples" })),
      );
      const out = new Float64Array(parts.reduce((sum, p) => sum + p.samples.length, 0));
      let at = 0;
      for (const { samples } of parts) {
        out.set(samples, at);
        at += samples.length;
      }
      return out;
    },
    async stats() {
      const parts = await Promise.all(
        pool.map((t) => t.ask<{ stats: ClientStats }>({ op: "stats" })),
      );
      return sumStats(parts.map((p) => p.stats));
    },
    async collect() {
      await Promise.all(pool.map((t) => t.ask({ op: "collect" })));
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(pool.map((t) => t.ask({ op: "close" })));
      for (const thread of pool) thread.terminate();
    },
  };
}

function sumStats(parts: ClientStats[]): PoolStats {
  const reasons = new Map<string, number>();
  const frames = new Map<string, number>();
  let drops = 0, deliveries = 0, chars = 0;
  for (const p of parts) {
    drops += p.drops;
    deliveries += p.deliveryFrames;
    chars += p.deliveryChars;
    for (const [why, times] of p.dropReasons) reasons.set(why, (reasons.get(why) ?? 0) + times);
    for (const [kind, times] of p.frames) frames.set(kind, (frames.get(kind) ?? 0) + times);
  }
  return {
    drops: { count: drops, reasons },
    frames,
    meanDeliveryFrame: deliveries ? chars / deliveries : NaN,
  };
}
