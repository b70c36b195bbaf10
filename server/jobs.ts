/**
 * The one listener on the store's durable job queue: it hands each job to
 * the handler registered for its kind, so web push and the purge of
 * deleted channels share one queue (the store allows one listener).
 */
import type { Logger } from "./log.ts";
import type { JobRecord, JobRepo } from "./store/port.ts";

/** Runs one job; throwing makes the queue deliver it again later. */
export type JobHandler = (job: JobRecord) => Promise<void>;

/** Routes queued jobs to handlers by kind and lets `stop` wait for those under way. */
export class JobRunner {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #running = new Set<Promise<void>>();
  #unlisten: (() => void) | null = null;

  constructor(private readonly deps: { jobs: JobRepo; log: Logger }) {}

  /** Registers the handler of `kind` (one per kind). */
  handle(kind: string, handler: JobHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`a handler for ${kind} jobs is registered`);
    this.#handlers.set(kind, handler);
  }

  /** Starts taking jobs; idempotent. */
  start(): void {
    if (this.#unlisten) return;
    this.#unlisten = this.deps.jobs.listen((job) => this.#run(job));
  }

  /** Stops taking jobs and waits for the ones under way. */
  async stop(): Promise<void> {
    this.#unlisten?.();
    this.#unlisten = null;
    await Promise.allSettled([...this.#running]);
  }

  #run(job: JobRecord): Promise<void> {
    const handler = this.#handlers.get(job.kind);
    if (!handler) {
      // A kind this version does not know (an older or newer instance's): drop it.
      this.deps.log.warn("job of unknown kind dropped", { kind: job.kind, id: job.id });
      return Promise.resolve();
    }
    const done: Promise<void> = handler(job).finally(() => this.#running.delete(done));
    this.#running.add(done);
    return done;
  }
}
