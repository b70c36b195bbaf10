/**
 * One scenario against every target. Each target's server starts fresh,
 * its idle memory is read with 0 and with N connections, then a warm-up
 * runs; the target then stays up with its clients connected. The
 * fixed-rate phase and then the saturation phase run in rounds that take
 * the targets in turn, in an order that changes each round (order.ts): on
 * a shared VM the speed of the machine drifts by tens of percent over the minutes of a
 * scenario and stalls for a few hundred milliseconds now and then, and
 * rounds side by side spread every target's measurement over the same
 * stretch of time, so no target's figure hangs on one stretch alone. Then
 * everything is closed and stopped.
 */
import { type ClientPool, openClients } from "./client_pool.ts";
import {
  combineFixed,
  fixedRate,
  type FixedRound,
  saturation,
  type SaturationResult,
  WINDOW_MS,
} from "./load.ts";
import { collectGarbage, cpuSeconds, hostSpeed, rssBytes } from "./processes.ts";
import { roundOrder } from "./order.ts";
import type { ScenarioResult, TargetResult } from "./report.ts";
import type { Running, Target } from "./targets.ts";
import { median, noCounts, percentile, type PhaseCounts, Tracker } from "./tracker.ts";

/** The load of one scenario. */
export interface Scenario {
  clients: number;
  rate: number;
  /** Length of each fixed-rate round. */
  seconds: number;
  /** Fixed-rate rounds per target, taken in turn with the other targets. */
  fixedRounds: number;
  /** Length of each saturation round. */
  saturationSeconds: number;
  /** Saturation rounds per target, taken in turn with the other targets. */
  rounds: number;
  /** No new connection starts after this long. */
  connectLimitSeconds: number;
  /** Threads the clients are spread over (client_pool.ts). */
  clientThreads?: number;
}

/** Every target's result in one scenario, or why it has none. */
type ScenarioResults = ScenarioResult["results"];

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
/**
 * How long every target is sent messages at the scenario's rate after its
 * memory readings and before any round, not reported. Code that runs once
 * a message (the POST and the send path of ours, Socket.IO's emit) reaches
 * V8's optimising tiers only after some hundreds of calls, and with a 1 s
 * warm-up (50 messages) the JavaScript-heavy targets got faster round
 * after round (run X1 at 1,000 clients: p50 of ours' rounds 32.7, 22.6 and
 * 14.4 ms; Socket.IO's p99 4.5 s, then 36 and 51 ms). It did not remove
 * every slow first round: see order.ts for what else fell on it.
 */
const WARM_UP_SECONDS = 10;
/** The pause before each round, so the last target's aftermath (GC, closing buffers) is not on the next. */
const ROUND_SETTLE_MS = 1_000;

/** What a target measured before its rounds. */
type Measured = Omit<
  TargetResult,
  | "fixed"
  | "saturation"
  | "saturationRounds"
  | "serverCpuPerDelivery"
  | "clientCpuPerDelivery"
  | "fixedServerCpuPerDelivery"
  | "fixedClientCpuPerDelivery"
  | "hostSpeeds"
  | "othersCores"
  | "lost"
>;

/** A target that is up with its clients connected, and its rounds so far. */
interface Live {
  target: Target;
  running: Running;
  pool: ClientPool;
  tracker: Tracker;
  measured: Measured;
  fixedRounds: FixedRound[];
  rounds: SaturationResult[];
  /** CPU both sides spent over the saturation rounds, and over the fixed-rate rounds. */
  saturationCpu: Cpu;
  fixedCpu: Cpu;
  /** The host's speed before each round (processes.ts `hostSpeed`), in the order run. */
  hostSpeeds: number[];
  /** Cores the other targets' idle servers used during each round, in the order run. */
  othersCores: number[];
  error?: string;
}

/** File descriptors this process needs besides its clients' sockets. */
export const FD_MARGIN = 2048;

/** This process's soft limit on open files, from /proc. */
export function openFileLimit(): number {
  const limits = Deno.readTextFileSync("/proc/self/limits");
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft === undefined || soft === "unlimited" ? Infinity : Number(soft);
}

/**
 * The targets in groups whose sockets fit under `limit` open files, the
 * targets the checks compare with ours (Socket.IO, bare) in ours' group
 * first, so their rounds run side by side whenever two or more fit.
 */
export function groupsThatFit(targets: Target[], clients: number, limit: number): Target[][] {
  const size = Math.max(1, Math.floor((limit - FD_MARGIN) / clients));
  const first: Target["key"][] = ["ours", "socketio", "bare", "sized"];
  const ordered = [...targets].sort((a, b) => first.indexOf(a.key) - first.indexOf(b.key));
  const groups: Target[][] = [];
  for (let i = 0; i < ordered.length; i += size) groups.push(ordered.slice(i, i + size));
  return groups;
}

/**
 * Runs the scenario against a fresh process of each target: all of them
 * up at once with their rounds taken in turn, or, when this process may
 * not open that many sockets, in groups that fit, one group after the
 * other.
 */
export async function runScenario(targets: Target[], sc: Scenario): Promise<ScenarioResults> {
  const limit = openFileLimit();
  const groups = groupsThatFit(targets, sc.clients, limit);
  if (groups.length === 1) return await runTogether(targets, sc);
  const names = groups.map((g) => g.map((t) => t.key).join(" + ")).join(", then ");
  console.log(
    `    note: ${targets.length} × ${sc.clients} sockets do not fit in this process's ${limit} open files: the targets run in groups (${names}); only targets of one group share their rounds`,
  );
  const results: ScenarioResults = {};
  for (const group of groups) Object.assign(results, await runTogether(group, sc));
  return results;
}

/** The targets up at once, their fixed-rate and saturation rounds taken in turn. */
async function runTogether(targets: Target[], sc: Scenario): Promise<ScenarioResults> {
  const results: ScenarioResults = {};
  const live: Live[] = [];
  try {
    for (const target of targets) {
      try {
        live.push(await bringUp(target, sc));
      } catch (e) {
        results[target.key] = failed(target, e);
      }
    }
    await inTurn(live, sc.fixedRounds, (one, round) => fixedRound(one, live, sc, round));
    await inTurn(live, sc.rounds, (one, round) => saturationRound(one, live, sc, round));
    for (const one of live) {
      results[one.target.key] = one.error ? { error: one.error } : await finish(one);
    }
  } finally {
    for (const one of live) await stop(one.running, one.pool);
  }
  return results;
}

/**
 * Runs `rounds` rounds of `run` over the live targets, each round taking
 * them in turn in the order {@link roundOrder} gives (each target in each
 * place, and after each other target, as often as the rounds allow); a
 * target that fails sits out the rest.
 */
async function inTurn(
  live: Live[],
  rounds: number,
  run: (one: Live, round: number) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const k of roundOrder(live.length, round)) {
      const one = live[k];
      if (one.error) continue;
      try {
        await run(one, round);
      } catch (e) {
        one.error = failed(one.target, e).error;
      }
    }
  }
}

/** Starts the target, reads its idle memory, connects the clients and warms it up. */
async function bringUp(target: Target, sc: Scenario): Promise<Live> {
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

    await fixedRate(tracker, running.post, sc.rate, WARM_UP_SECONDS, pool.samples); // not reported
    return {
      target,
      running,
      pool,
      tracker,
      measured: {
        clients: sc.clients,
        connected: pool.connected,
        connectSeconds,
        connectFailures: Object.fromEntries(pool.failures),
        rssIdle0,
        rssIdleN,
        rssPerConn: (rssIdleN - rssIdle0) / pool.connected,
        rssPerConnEarly: (rssEarly - rssIdle0) / pool.connected,
        dropped: 0,
        frames: {},
        meanDeliveryFrame: NaN,
        problems: {},
      },
      fixedRounds: [],
      rounds: [],
      saturationCpu: { server: 0, client: 0 },
      fixedCpu: { server: 0, client: 0 },
      hostSpeeds: [],
      othersCores: [],
    };
  } catch (e) {
    await stop(running, pool);
    throw e;
  }
}

/** CPU seconds of the target's server and of this load generator. */
interface Cpu {
  server: number;
  client: number;
}

/**
 * Runs a round after the pause before it and a reading of the host's
 * speed, adding to `cpu` what both sides spent on the round and its
 * drain (what each pays for the frames delivered), and noting what the
 * other targets' servers, idle meanwhile, took of the cores.
 */
async function counted<T>(
  one: Live,
  live: Live[],
  cpu: Cpu,
  round: () => Promise<T>,
): Promise<T> {
  const others = live.filter((x) => x !== one && !x.error).map((x) => x.running.proc.pid);
  const read = () =>
    Promise.all([one.running.proc.pid, "self" as const, ...others].map(cpuSeconds));
  // The load generator's threads of every target collect their garbage
  // now, not during this round: the last round's clients leave heaps that
  // V8 would otherwise collect while this target is measured.
  collectGarbage();
  await Promise.all(live.map((x) => x.pool.collect()));
  await sleep(ROUND_SETTLE_MS);
  one.hostSpeeds.push(hostSpeed());
  const before = await read();
  const t0 = performance.now();
  const result = await round();
  const after = await read();
  const seconds = (performance.now() - t0) / 1000;
  cpu.server += after[0] - before[0];
  cpu.client += after[1] - before[1];
  const othersSeconds = after.slice(2).reduce((sum, x, i) => sum + x - before[i + 2], 0);
  one.othersCores.push(othersSeconds / seconds);
  return result;
}

/** One fixed-rate round of a live target, with the CPU both sides spent on it. */
async function fixedRound(one: Live, live: Live[], sc: Scenario, round: number): Promise<void> {
  const r = await counted(
    one,
    live,
    one.fixedCpu,
    () => fixedRate(one.tracker, one.running.post, sc.rate, sc.seconds, one.pool.samples),
  );
  one.fixedRounds.push(r);
  const p = (q: number) => percentile(r.latencies, q).toFixed(1);
  log(
    one.target,
    `fixed-rate round ${round + 1}/${sc.fixedRounds}: p50 ${p(50)} ms, p99 ${p(99)} ms${host(one)}`,
  );
}

/** One saturation round of a live target, with the CPU both sides spent on it. */
async function saturationRound(
  one: Live,
  live: Live[],
  sc: Scenario,
  round: number,
): Promise<void> {
  const sat = await counted(
    one,
    live,
    one.saturationCpu,
    () => saturation(one.tracker, one.running.post, sc.saturationSeconds),
  );
  one.rounds.push(sat);
  log(
    one.target,
    `saturation round ${round + 1}/${sc.rounds}: ${
      Math.round(sat.deliveriesPerSec)
    } deliveries/s (${spread(sat.windows)})${host(one)}`,
  );
}

/** The target's result from what it measured, once its rounds are done. */
async function finish(one: Live): Promise<TargetResult> {
  const fixed = combineFixed(one.fixedRounds);
  const saturation = combineRounds(one.rounds);
  const { drops, frames, meanDeliveryFrame } = await one.pool.stats();
  return {
    ...one.measured,
    fixed,
    saturation,
    saturationRounds: one.rounds.map((r) => r.deliveriesPerSec),
    serverCpuPerDelivery: one.saturationCpu.server / saturation.received,
    clientCpuPerDelivery: one.saturationCpu.client / saturation.received,
    fixedServerCpuPerDelivery: one.fixedCpu.server / fixed.received,
    fixedClientCpuPerDelivery: one.fixedCpu.client / fixed.received,
    hostSpeeds: one.hostSpeeds,
    othersCores: one.othersCores,
    lost: fixed.lost + saturation.lost,
    dropped: drops.count,
    frames: Object.fromEntries(frames),
    meanDeliveryFrame,
    problems: {
      ...Object.fromEntries(
        [...one.tracker.rejectReasons].map(([why, n]) => [`POST refused: ${why}`, n]),
      ),
      ...Object.fromEntries(
        [...drops.reasons].map(([why, n]) => [`socket dropped: ${why}`, n]),
      ),
    },
  };
}

/**
 * The rounds as one saturation result: the median round's rates (a round
 * the VM slowed down moves it least), every window, and the counts summed.
 */
export function combineRounds(rounds: SaturationResult[]): SaturationResult {
  const counts = noCounts();
  for (const r of rounds) {
    for (const key of Object.keys(counts) as (keyof PhaseCounts)[]) counts[key] += r[key];
  }
  return {
    ...counts,
    seconds: rounds.reduce((sum, r) => sum + r.seconds, 0),
    deliveriesPerSec: median(rounds.map((r) => r.deliveriesPerSec)),
    messagesPerSec: median(rounds.map((r) => r.messagesPerSec)),
    windows: rounds.flatMap((r) => r.windows),
  };
}

async function stop(running: Running, pool: ClientPool | null): Promise<void> {
  await pool?.close();
  await running.proc.stop();
}

function failed(target: Target, e: unknown): { error: string } {
  const error = e instanceof Error ? e.message : String(e);
  console.log(`    ${target.label}: failed: ${error}`);
  return { error };
}

/** The spread of the per-window delivery rates: a steady server has a narrow one. */
function spread(windows: number[]): string {
  if (windows.length === 0) return `no full ${WINDOW_MS} ms window`;
  const sorted = Float64Array.from(windows).sort();
  const k = (p: number) => `${Math.round(percentile(sorted, p) / 1000)}k`;
  return `${WINDOW_MS} ms windows: min ${k(0)}, median ${k(50)}, max ${k(100)}`;
}

/** The host's speed before the live target's latest round, and what the others took during it. */
function host(one: Live): string {
  const speed = one.hostSpeeds.at(-1)!.toFixed(0);
  return `; host ${speed}M loops/s, other servers ${one.othersCores.at(-1)!.toFixed(2)} cores`;
}

function log(target: Target, text: string): void {
  console.log(`    ${target.label}: ${text}`);
}
