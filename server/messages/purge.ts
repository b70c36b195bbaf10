/**
 * The messages of a deleted channel, removed in the background: deleting a
 * channel (or its server) stores the deletion and enqueues a durable job;
 * the job deletes the messages in bounded steps, with their pins, nonces
 * and search postings. A job lost to a crash runs again, so however large
 * the channel, nothing of it stays behind.
 */
import { z } from "zod";
import type { DomainDeps } from "../deps.ts";
import { ID_PATTERN } from "../ids.ts";
import type { JobHandler } from "../jobs.ts";

/** The job kind on the store's queue. */
export const PURGE_CHANNEL_JOB = "purge_channel";

/** Messages deleted per store call. */
const STEP = 500;

const Payload = z.strictObject({ channelId: z.string().regex(ID_PATTERN) });

/**
 * Schedules the purge of a channel that was just deleted. A failure to
 * enqueue is logged rather than thrown: the deletion itself stands.
 */
export async function enqueueChannelPurge(
  deps: Pick<DomainDeps, "store" | "ids" | "log">,
  channelId: string,
): Promise<void> {
  try {
    await deps.store.jobs.enqueue({
      id: deps.ids.next(),
      kind: PURGE_CHANNEL_JOB,
      payload: JSON.stringify({ channelId }),
      attempt: 0,
    }, 0);
  } catch (error) {
    deps.log.error("purge of a deleted channel's messages not scheduled", {
      channelId,
      error: String(error),
    });
  }
}

/**
 * Runs purge jobs. A job naming a channel that exists (a bad or replayed
 * job) deletes nothing: only a deleted channel's messages are purged.
 */
export function channelPurgeHandler(deps: Pick<DomainDeps, "store" | "log">): JobHandler {
  return async (job) => {
    let payload: z.infer<typeof Payload>;
    try {
      payload = Payload.parse(JSON.parse(job.payload));
    } catch {
      deps.log.warn("purge job with a bad payload dropped", { id: job.id });
      return;
    }
    const { channelId } = payload;
    if (await deps.store.channels.get(channelId)) {
      deps.log.warn("purge job for a channel that exists dropped", { id: job.id, channelId });
      return;
    }
    let purged = 0;
    for (;;) {
      const n = await deps.store.messages.purgeChannel(channelId, STEP);
      purged += n;
      if (n < STEP) break;
    }
    deps.log.info("deleted channel's messages purged", { channelId, messages: purged });
  };
}
