/**
 * One target under one scenario: a fresh server, idle memory with 0 and
 * with N connections, a warm-up, the fixed-rate phase, the saturation
 * phase, then everything closed and the server stopped.
 */
import { type ClientPool, openClients } from "./client_pool.ts";
import { fixedRate, saturation, WINDOW_MS } from "./load.ts";
import { cpuSeconds, rssBytes } from "./processes.ts";
import type { TargetResult } from "./report.ts";
import type { Target } from "./targets.ts";
import { percentile, Tracker } from "./tracker.ts";

/** The load of one scenario. */
export interface Scenario {
  clients: number;
  rate: number;
  /** Length of the fixed-rate phase. */
  seconds: number;
  /** Length of the saturation phase. */
  saturationSeconds: number;
  /** No new connection starts after this long. */
  connectLimitSeconds: number;
  /** Threads the clients are spread over (client_pool.ts). */
  clientThreads?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long a server sits idle before each RSS reading. A connection storm
 * leaves garbage-collector slack behind (V8 gives it back once allocation
 * goes quiet); memory per connection is what stays, so every target gets
 * the same wait before the reading with no connections and the one with N.
 * A reading 2 s after the last connection is reported too, slack and all.
 */
export const IDLE_SETTLE_MS = 10_000;
const EARLY_READING_MS = 2_000;

/** Runs the scenario against a fresh process of the target. */
export async function runTarget(target: Target, sc: Scenario): Promise<TargetResult> {
  const running = await target.start();
  const { pid } = running.proc;
  let pool: ClientPool | null = null;
  try {
    await sleep(IDLE_SETTLE_MS);
    const rssIdle0 = await rssBytes(pid);
    const tracker = new Tracker(sc.clients);
    const t0 = performance.now();
    pool = await openClients(
      running.clients,
      sc.clients,
      tracker,
      sc.connectLimitSeconds * 1000,
      sc.clientThreads,
    );
    const connectSeconds = (performance.now() - t0) / 1000;
    if (pool.connected === 0) {
      const why = [...pool.failures.keys()].join("; ");
      throw new Error(`no client could connect: ${why}`);
    }
    tracker.clients = pool.connected;
    await sleep(EARLY_READING_MS);
    const rssEarly = await rssBytes(pid);
    await sleep(IDLE_SETTLE_MS - EARLY_READING_MS);
    const rssIdleN = await rssBytes(pid);
    log(target, `${pool.connected} connected in ${connectSeconds.toFixed(1)} s`);

    const samples = pool.samples;
    await fixedRate(tracker, running.post, sc.rate, 1, samples); // warm-up, not reported
    const fixed = await fixedRate(tracker, running.post, sc.rate, sc.seconds, samples);
    log(target, `p50 ${fixed.p50.toFixed(1)} ms, p99 ${fixed.p99.toFixed(1)} ms`);
    const cpu0 = await Promise.all([cpuSeconds(pid), cpuSeconds("self")]);
    const sat = await saturation(tracker, running.post, sc.saturationSeconds);
    const cpu1 = await Promise.all([cpuSeconds(pid), cpuSeconds("self")]);
    // CPU per delivery over the phase and its drain: what each side pays for one frame.
    const delivered = sat.received;
    log(
      target,
      `${Math.round(sat.deliveriesPerSec)} deliveries/s at saturation (${spread(sat.windows)})`,
    );
    const { drops, frames, meanDeliveryFrame } = await pool.stats();
    return {
      clients: sc.clients,
      connected: pool.connected,
      connectSeconds,
      connectFailures: Object.fromEntries(pool.failures),
      rssIdle0,
      rssIdleN,
      rssPerConn: (rssIdleN - rssIdle0) / pool.connected,
      rssPerConnEarly: (rssEarly - rssIdle0) / pool.connected,
      fixed,
      saturation: sat,
      serverCpuPerDelivery: (cpu1[0] - cpu0[0]) / delivered,
      clientCpuPerDelivery: (cpu1[1] - cpu0[1]) / delivered,
      lost: fixed.lost + sat.lost,
      dropped: drops.count,
      frames: Object.fromEntries(frames),
      meanDeliveryFrame,
      problems: {
        ...Object.fromEntries(
          [...tracker.rejectReasons].map(([why, n]) => [`POST refused: ${why}`, n]),
        ),
        ...Object.fromEntries(
          [...drops.reasons].map(([why, n]) => [`socket dropped: ${why}`, n]),
        ),
      },
    };
  } finally {
    await pool?.close();
    await running.proc.stop();
  }
}

/** The spread of the per-window delivery rates: a steady server has a narrow one. */
function spread(windows: number[]): string {
  if (windows.length === 0) return `no full ${WINDOW_MS} ms window`;
  const sorted = Float64Array.from(windows).sort();
  const k = (p: number) => `${Math.round(percentile(sorted, p) / 1000)}k`;
  return `${WINDOW_MS} ms windows: min ${k(0)}, median ${k(50)}, max ${k(100)}`;
}

function log(target: Target, text: string): void {
  console.log(`    ${target.label}: ${text}`);
}
