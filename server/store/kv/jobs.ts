import type { JobRecord, JobRepo } from "../jobs.ts";

/** What this repo puts on the KV queue: tagged, so other queue users could share it. */
interface QueuedJob {
  job: JobRecord;
}

function isQueuedJob(value: unknown): value is QueuedJob {
  const job = (value as QueuedJob | null)?.job;
  return typeof job === "object" && job !== null && typeof job.kind === "string" &&
    typeof job.payload === "string" && typeof job.id === "string";
}

/**
 * Jobs on the Deno KV queue (`enqueue` with `delay`, `listenQueue`): KV
 * keeps them across restarts and, on Deno Deploy, hands each to one
 * isolate. A handler that throws makes KV deliver the job again later;
 * retries with their own backoff are the handler's business (it enqueues
 * the next attempt and resolves).
 */
export function kvJobs(kv: Deno.Kv): JobRepo {
  let handler: ((job: JobRecord) => Promise<void>) | null = null;
  let listening = false;

  async function receive(message: unknown): Promise<void> {
    if (!isQueuedJob(message)) return; // not ours, or from an incompatible version: drop it
    const current = handler;
    if (!current) {
      throw new Error(`no job listener for job ${message.job.id}: KV delivers it later`);
    }
    await current(message.job);
  }

  return {
    async enqueue(job, delayMs) {
      const message: QueuedJob = { job: { ...job } };
      await kv.enqueue(message, { delay: Math.max(0, Math.round(delayMs)) });
    },

    listen(next) {
      handler = next;
      // KV allows one queue listener per database: start it once and swap handlers.
      if (!listening) {
        listening = true;
        kv.listenQueue(receive).catch(() => {
          listening = false; // the database was closed
        });
      }
      return () => {
        if (handler === next) handler = null;
      };
    },
  };
}
