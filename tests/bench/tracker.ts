/**
 * Book-keeping of one target's run: when each message was sent, whether
 * the server accepted it, how many clients received it, and the latency
 * of every delivery while a fixed-rate phase records. Messages are
 * numbered by `seq` across phases, so a phase is a range of seqs.
 */

const CAPACITY = 1 << 20;

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

/** Tracks sends and deliveries for one target with `clients` receivers. */
export class Tracker {
  readonly sentAt = new Float64Array(CAPACITY);
  /** 0 pending, 1 accepted, 2 rejected (non-2xx or network error). */
  readonly status = new Uint8Array(CAPACITY);
  readonly received = new Uint32Array(CAPACITY);
  nextSeq = 0;
  totalReceived = 0;
  rejectedTotal = 0;
  pending = 0;
  rejectReasons = new Map<string, number>();
  #samples = new Float64Array(0);
  #sampleCount = 0;
  #recording: Phase | null = null;
  #waiter: (() => void) | null = null;

  /** `clients` is set again once the pool knows how many connected. */
  constructor(public clients: number) {}

  /** Starts recording latencies of the seqs sent from now on. */
  record(expectedSamples: number): Phase {
    this.#samples = new Float64Array(Math.max(1024, Math.ceil(expectedSamples * 1.1)));
    this.#sampleCount = 0;
    this.#recording = { first: this.nextSeq, end: Infinity };
    return this.#recording;
  }

  /** Stops recording; returns the latencies recorded (ms). */
  stopRecording(): Float64Array {
    this.#recording = null;
    return this.#samples.subarray(0, this.#sampleCount);
  }

  /** Called by every client on every delivery of message `seq`. */
  deliver(seq: number): void {
    if (!(seq >= 0 && seq < this.nextSeq)) return;
    const now = performance.now();
    this.received[seq]++;
    this.totalReceived++;
    const rec = this.#recording;
    if (rec && seq >= rec.first && this.#sampleCount < this.#samples.length) {
      this.#samples[this.#sampleCount++] = now - this.sentAt[seq];
    }
    if (this.#waiter) {
      const wake = this.#waiter;
      this.#waiter = null;
      wake();
    }
  }

  /** Resolves at the next delivery or after `ms`. */
  progress(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        resolve();
      }, ms);
      this.#waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Numbers and timestamps a message, then posts it with `post`. */
  send(post: (seq: number) => Promise<string | null>): number {
    const seq = this.nextSeq++;
    if (seq >= CAPACITY) throw new Error(`more than ${CAPACITY} messages in one run`);
    this.sentAt[seq] = performance.now();
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
    const c: PhaseCounts = {
      sent: 0,
      accepted: 0,
      rejected: 0,
      expected: 0,
      received: 0,
      lost: 0,
      duplicates: 0,
    };
    for (let s = phase.first; s < phase.end; s++) {
      c.sent++;
      if (this.status[s] === 1) c.accepted++;
      if (this.status[s] === 2) c.rejected++;
      c.received += Math.min(this.received[s], this.clients);
      c.duplicates += Math.max(0, this.received[s] - this.clients);
    }
    c.expected = c.accepted * this.clients;
    c.lost = Math.max(0, c.expected - c.received);
    return c;
  }
}

/** The p-th percentile (0–100) of `values`, by nearest rank; NaN when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
