/** A unit of background work, run at least once by some instance. */
export interface JobRecord {
  /** Unique per enqueue; lets handlers and logs tell runs apart. */
  id: string;
  /** Which handler runs it (e.g. `push`). */
  kind: string;
  /** The handler's input, as JSON text. */
  payload: string;
  /** 0 for the first run; the handler counts its own retries. */
  attempt: number;
}

/**
 * Durable delayed jobs: enqueued work survives a restart and runs on
 * whichever instance listens. A job whose handler resolves is done; one
 * whose handler throws (or whose instance dies) runs again later.
 */
export interface JobRepo {
  /** Schedules the job to run no sooner than `delayMs` from now. */
  enqueue(job: JobRecord, delayMs: number): Promise<void>;
  /**
   * Runs `handler` for every due job until the returned function is
   * called. One listener per store is expected; a second replaces the first.
   */
  listen(handler: (job: JobRecord) => Promise<void>): () => void;
}
