import type { Collection, Db } from "mongodb";
import type { JobRecord, JobRepo } from "../jobs.ts";
import { str } from "./util.ts";

/** A job in the `jobs` collection, claimed by setting `lockedUntil`. */
interface JobDoc {
  _id: string;
  kind: string;
  payload: string;
  attempt: number;
  /** Not run before this time. */
  runAt: Date;
  /** While in the future, some instance is running the job. */
  lockedUntil: Date;
  /** How many times the job was claimed: a job that keeps killing its runner is dropped. */
  claims: number;
}

/** How often an idle listener looks for due jobs. */
const POLL_MS = 1000;
/** How long a claim lasts: a runner that died releases its job after this. */
const LOCK_MS = 5 * 60_000;
/** Claims after which a job whose handler never finishes is given up. */
const MAX_CLAIMS = 10;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    Deno.unrefTimer(timer);
  });
}

/**
 * Jobs in the MongoDB `jobs` collection: each listener polls for a due,
 * unclaimed job and claims it with one `findOneAndUpdate`, so across
 * instances each run happens on one of them. A finished job is deleted; a
 * handler that throws (or an instance that dies) leaves the job to be
 * claimed again once its lock expires.
 */
export async function mongoJobs(db: Db): Promise<JobRepo> {
  const jobs: Collection<JobDoc> = db.collection<JobDoc>("jobs");
  await jobs.createIndexes([{ key: { runAt: 1, lockedUntil: 1 }, name: "due" }]);

  async function claim(): Promise<JobDoc | null> {
    const now = new Date();
    return await jobs.findOneAndUpdate(
      { runAt: { $lte: now }, lockedUntil: { $lte: now } },
      { $set: { lockedUntil: new Date(now.getTime() + LOCK_MS) }, $inc: { claims: 1 } },
      { sort: { runAt: 1 }, returnDocument: "after" },
    );
  }

  /** Gives a job claimed after the listener stopped back to the others. */
  async function release(doc: JobDoc): Promise<void> {
    await jobs.updateOne(
      { _id: doc._id, lockedUntil: doc.lockedUntil },
      { $set: { lockedUntil: new Date(0) }, $inc: { claims: -1 } },
    );
  }

  async function runOne(doc: JobDoc, handler: (job: JobRecord) => Promise<void>): Promise<void> {
    if (doc.claims > MAX_CLAIMS) {
      await jobs.deleteOne({ _id: doc._id });
      return;
    }
    const job = { id: doc._id, kind: doc.kind, payload: doc.payload, attempt: doc.attempt };
    try {
      await handler(job);
    } catch {
      return; // claimed again after the lock expires
    }
    await jobs.deleteOne({ _id: doc._id, lockedUntil: doc.lockedUntil });
  }

  return {
    async enqueue(job, delayMs) {
      await jobs.insertOne({
        _id: str(job.id, "id"),
        kind: str(job.kind, "kind"),
        payload: str(job.payload, "payload"),
        attempt: Math.max(0, Math.trunc(Number(job.attempt)) || 0),
        runAt: new Date(Date.now() + Math.max(0, delayMs)),
        lockedUntil: new Date(0),
        claims: 0,
      });
    },

    listen(handler) {
      let stopped = false;
      void (async () => {
        let failures = 0;
        while (!stopped) {
          try {
            const doc = await claim();
            failures = 0;
            if (doc && stopped) await release(doc);
            else if (doc) await runOne(doc, handler);
            else await sleep(POLL_MS);
          } catch {
            if (stopped) break;
            failures++;
            await sleep(Math.min(POLL_MS * 2 ** failures, 30_000));
          }
        }
      })();
      return () => {
        stopped = true;
      };
    },
  };
}
