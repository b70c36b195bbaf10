/**
 * Book-keeping of one target's run: when each message was sent, whether
 * the server accepted it, how many clients received it, and the latency
 * of every delivery while a fixed-rate phase records. Messages are
 * numbered by `seq` across phases, so a phase is a range of seqs.
 *
 * The clients live in worker threads (see client_pool.ts), so what they
 * report goes through shared memory: the {@link Tracker} (main thread)
 * writes send times and reads delivery counts; each worker's
 * {@link DeliverySink} counts deliveries and keeps its own latency samples.
 * Times are epoch milliseconds (`timeOrigin + now()`), comparable across
 * threads.
 */

const CAPACITY = 1 << 20;

/** Indices into the shared counters. */
const TOTAL_RECEIVED = 0;
/** First seq whose latencies are recorded, or -1 when not recording. */
const RECORD_FROM = 1;
/** One past the last seq sent: a worker reads send times only below it. */
const NEXT_SEQ = 2;

/** The shared memory a tracker and its sinks work on. */
export interface TrackerBuffers {
  sentAt: SharedArrayBuffer;
  received: SharedArrayBuffer;
  counters: SharedArrayBuffer;
}

/** A contiguous range of message seqs sent in one phase. */
export interface Phase {
  first: number;
  /** One past the last seq sent. */
  end: number;
}

/** Delivery counts of a phase once drained. */
export interface PhaseCounts {
  sent: number;
  accepted: number;
  rejected: number;
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
}

/** Counts of nothing yet, to add to. */
export function noCounts(): PhaseCounts {
  return { sent: 0, accepted: 0, rejected: 0, expected: 0, received: 0, lost: 0, duplicates: 0 };
}

/** Milliseconds since the epoch, with sub-millisecond precision, on any thread. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Tracks sends and deliveries for one target with `clients` receivers. */
export class Tracker {
  readonly buffers: TrackerBuffers = {
    sentAt: new SharedArrayBuffer(CAPACITY * 8),
    received: new SharedArrayBuffer(CAPACITY * 4),
    counters: new SharedArrayBuffer(4 * 4),
  };
  readonly #sentAt = new Float64Array(this.buffers.sentAt);
  readonly #received = new Uint32Array(this.buffers.received);
  readonly #counters = new Int32Array(this.buffers.counters);
  /** 0 pending, 1 accepted, 2 rejected (non-2xx or network error). */
  readonly status = new Uint8Array(CAPACITY);
  nextSeq = 0;
  rejectedTotal = 0;
  pending = 0;
  rejectReasons = new Map<string, number>();

  /** `clients` is set again once the pool knows how many connected. */
  constructor(public clients: number) {
    Atomics.store(this.#counters, RECORD_FROM, -1);
  }

  /** Deliveries received so far, across every client thread. */
  get totalReceived(): number {
    return Atomics.load(this.#counters, TOTAL_RECEIVED);
  }

  /** Starts recording latencies of the seqs sent from now on. */
  record(): Phase {
    Atomics.store(this.#counters, RECORD_FROM, this.nextSeq);
    return { first: this.nextSeq, end: Infinity };
  }

  /** Stops recording; the samples are in the sinks. */
  stopRecording(): void {
    Atomics.store(this.#counters, RECORD_FROM, -1);
  }

  /** Resolves at the next delivery (seen within a millisecond) or after `ms`. */
  async progress(ms: number): Promise<void> {
    const seen = this.totalReceived;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await sleep(1);
      if (this.totalReceived !== seen) return;
    }
  }

  /** Numbers and timestamps a message, then posts it with `post`. */
  send(post: (seq: number) => Promise<string | null>): number {
    const seq = this.nextSeq++;
    if (seq >= CAPACITY) throw new Error(`more than ${CAPACITY} messages in one run`);
    this.#sentAt[seq] = epochMs();
    // Publishes the send time before any client can see the message.
    Atomics.store(this.#counters, NEXT_SEQ, this.nextSeq);
    this.pending++;
    post(seq).then((error) => this.#settle(seq, error), (e) => this.#settle(seq, String(e)));
    return seq;
  }

  #settle(seq: number, error: string | null): void {
    this.pending--;
    this.status[seq] = error === null ? 1 : 2;
    if (error !== null) {
      this.rejectedTotal++;
      this.rejectReasons.set(error, (this.rejectReasons.get(error) ?? 0) + 1);
    }
  }

  /** Messages sent and not rejected so far (pending ones included). */
  live(): number {
    return this.nextSeq - this.rejectedTotal;
  }

  /** Counts of a phase; `expected` is accepted × clients. */
  counts(phase: Phase): PhaseCounts {
    const c = noCounts();
    for (let s = phase.first; s < phase.end; s++) {
      const received = Atomics.load(this.#received, s);
      c.sent++;
      if (this.status[s] === 1) c.accepted++;
      if (this.status[s] === 2) c.rejected++;
      c.received += Math.min(received, this.clients);
      c.duplicates += Math.max(0, received - this.clients);
    }
    c.expected = c.accepted * this.clients;
    c.lost = Math.max(0, c.expected - c.received);
    return c;
  }
}

/** The delivery side of a {@link Tracker}, in a client thread. */
export class DeliverySink {
  readonly #sentAt: Float64Array;
  readonly #received: Uint32Array;
  readonly #counters: Int32Array;
  #samples = new Float64Array(1 << 16);
  #sampleCount = 0;

  constructor(buffers: TrackerBuffers) {
    this.#sentAt = new Float64Array(buffers.sentAt);
    this.#received = new Uint32Array(buffers.received);
    this.#counters = new Int32Array(buffers.counters);
  }

  /** Called by every client on every delivery of message `seq`. */
  deliver(seq: number): void {
    if (!(seq >= 0 && seq < Atomics.load(this.#counters, NEXT_SEQ))) return;
    const now = epochMs();
    Atomics.add(this.#received, seq, 1);
    Atomics.add(this.#counters, TOTAL_RECEIVED, 1);
    const from = Atomics.load(this.#counters, RECORD_FROM);
    if (from >= 0 && seq >= from) this.#sample(now - this.#sentAt[seq]);
  }

  /** The latencies recorded since the last call (ms), and forgets them. */
  takeSamples(): Float64Array {
    const out = this.#samples.slice(0, this.#sampleCount);
    this.#sampleCount = 0;
    return out;
  }

  #sample(ms: number): void {
    if (this.#sampleCount === this.#samples.length) {
      const grown = new Float64Array(this.#samples.length * 2);
      grown.set(this.#samples);
      this.#samples = grown;
    }
    this.#samples[this.#sampleCount++] = ms;
  }
}

/** The median of `values` (the mean of the middle two when their number is even); NaN when empty. */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0–100) of `values`, by nearest rank; NaN when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
