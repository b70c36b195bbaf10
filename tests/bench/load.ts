/**
 * The phases run against every target: fixed-rate rounds that record
 * latencies, saturation rounds that send as fast as deliveries keep up,
 * and the drain after each that waits for stragglers before counting
 * losses.
 */
import { noCounts, percentile, type Phase, type PhaseCounts, Tracker } from "./tracker.ts";

/** Posts message `seq`; resolves to null when accepted, else why not. */
export type Post = (seq: number) => Promise<string | null>;

/** What one fixed-rate round recorded: its counts and every latency (ms), sorted. */
export interface FixedRound extends PhaseCounts {
  rate: number;
  seconds: number;
  latencies: Float64Array;
}

/** What the fixed-rate rounds of a target measured, pooled. */
export interface FixedResult extends PhaseCounts {
  rate: number;
  /** Seconds of sending, over every round. */
  seconds: number;
  /** Percentiles of every delivery of every round together. */
  p50: number;
  p99: number;
  max: number;
  /** The p99 of each round on its own, in the order run. */
  roundP99s: number[];
}

/** What a saturation phase measured. */
export interface SaturationResult extends PhaseCounts {
  seconds: number;
  /** Deliveries the clients received per second during the phase. */
  deliveriesPerSec: number;
  /** Messages the server accepted per second during the phase. */
  messagesPerSec: number;
  /** Deliveries per second in each 250 ms window of the phase. */
  windows: number[];
}

/** Length of the windows of {@link SaturationResult.windows}. */
export const WINDOW_MS = 250;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until every accepted message of the phase reached every client, or progress stops. */
export async function drain(t: Tracker, phase: Phase, quietMs = 2000, maxMs = 30_000) {
  const start = performance.now();
  let last = t.totalReceived;
  let lastChange = performance.now();
  while (performance.now() - start < maxMs) {
    const c = t.counts(phase);
    if (t.pending === 0 && c.received >= c.expected) return;
    await t.progress(100);
    if (t.totalReceived !== last) {
      last = t.totalReceived;
      lastChange = performance.now();
    } else if (t.pending === 0 && performance.now() - lastChange > quietMs) return;
  }
}

/**
 * Sends `rate` messages per second for `seconds` (open loop) and records
 * latencies; `samples` collects them from the clients once drained.
 */
export async function fixedRate(
  t: Tracker,
  post: Post,
  rate: number,
  seconds: number,
  samples: () => Promise<Float64Array>,
): Promise<FixedRound> {
  const total = Math.round(rate * seconds);
  await samples(); // forget any recorded before
  const phase = t.record();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    t.send(post);
  }
  phase.end = t.nextSeq;
  await drain(t, phase);
  t.stopRecording();
  return { rate, seconds, ...t.counts(phase), latencies: (await samples()).sort() };
}

/**
 * The rounds of a target as one result: the percentiles of all their
 * deliveries together (the same statistic as one long phase, sampled
 * across the scenario rather than in one stretch of it), the counts
 * summed, and each round's own p99 to show the spread.
 */
export function combineFixed(rounds: FixedRound[]): FixedResult {
  const counts = noCounts();
  for (const r of rounds) {
    for (const key of Object.keys(counts) as (keyof PhaseCounts)[]) counts[key] += r[key];
  }
  const all = new Float64Array(rounds.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of rounds) {
    all.set(r.latencies, at);
    at += r.latencies.length;
  }
  all.sort();
  return {
    ...counts,
    rate: rounds[0]?.rate ?? NaN,
    seconds: rounds.reduce((sum, r) => sum + r.seconds, 0),
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all.length ? all[all.length - 1] : NaN,
    roundP99s: rounds.map((r) => percentile(r.latencies, 99)),
  };
}

/**
 * Sends as fast as the clients keep up for `seconds`: a new message goes
 * out whenever fewer than `budget` deliveries are outstanding, so the
 * server runs flat out without an unbounded backlog. Deliveries that stall
 * for a second are written off (they show up as lost after the drain).
 * The delivery rate of every 250 ms window is kept too: an average hides
 * whether a server delivers steadily or in bursts and stalls.
 *
 * The window must not be what limits: by Little's law a target delivers
 * at most window ÷ time-in-system per second, and a message's time in a
 * server with a store (POST, auth, commit, then the fan-out queue) is
 * longer than in a bare broadcast server. With 40,000 deliveries and 32
 * POSTs in flight ours was held at ~65–72k/s with its process below one
 * core. With 120,000 and 64, the broadcast servers are held by the
 * deliveries outstanding and ours by the 64 POSTs (each waits behind the
 * fan-outs queued before it); 256 POSTs and 300,000 deliveries gave ours
 * no more (64k and 73k/s at 1,000 clients, against 24 POSTs: 52–72k), so
 * 64 is not what holds it.
 */
export async function saturation(
  t: Tracker,
  post: Post,
  seconds: number,
  budgetDeliveries = 120_000,
  maxInFlightPosts = 64,
): Promise<SaturationResult> {
  const budget = Math.max(2, Math.ceil(budgetDeliveries / t.clients)) * t.clients;
  const phase: Phase = { first: t.nextSeq, end: Infinity };
  const liveAtStart = t.live();
  const receivedAtStart = t.totalReceived;
  let writtenOff = 0;
  let lastProgress = performance.now();
  let lastReceived = t.totalReceived;
  const start = performance.now();
  const end = start + seconds * 1000;
  const windows: number[] = [];
  let windowEnd = start + WINDOW_MS;
  let windowReceived = t.totalReceived;
  while (performance.now() < end) {
    if (performance.now() >= windowEnd) {
      windows.push((t.totalReceived - windowReceived) * 1000 / WINDOW_MS);
      windowReceived = t.totalReceived;
      windowEnd += WINDOW_MS;
    }
    const received = t.totalReceived - receivedAtStart;
    if (t.totalReceived !== lastReceived) {
      lastReceived = t.totalReceived;
      lastProgress = performance.now();
    }
    const outstanding = (t.live() - liveAtStart) * t.clients - received - writtenOff;
    if (outstanding < budget && t.pending < maxInFlightPosts) {
      t.send(post);
      if ((t.nextSeq & 7) === 0) await sleep(0); // let responses and deliveries in
      continue;
    }
    if (performance.now() - lastProgress > 1000) {
      writtenOff += outstanding;
      lastProgress = performance.now();
    }
    await t.progress(Math.max(1, Math.min(50, end - performance.now())));
  }
  const elapsed = (performance.now() - start) / 1000;
  const delivered = t.totalReceived - receivedAtStart;
  const accepted = t.live() - liveAtStart;
  phase.end = t.nextSeq;
  await drain(t, phase);
  return {
    seconds: elapsed,
    ...t.counts(phase),
    deliveriesPerSec: delivered / elapsed,
    messagesPerSec: accepted / elapsed,
    windows,
  };
}
