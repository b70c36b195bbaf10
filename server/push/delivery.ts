/**
 * Push delivery as durable jobs: one job per subscription and notification,
 * so a slow or failing device never holds up the others and never the
 * message send. The job adds what only delivery time knows (the badge, the
 * notifications to close), sends, and then deletes a gone subscription or
 * schedules the next attempt with exponential backoff.
 */
import type { Ids } from "../ids.ts";
import type { Logger } from "../log.ts";
import type { JobRecord, PushSubscriptionRecord, Store } from "../store/port.ts";
import type { PushNotification, PushPayload } from "./payload.ts";
import type { PushSender } from "./sender.ts";

/** The job kind of push deliveries. */
export const PUSH_JOB = "push";
/** Tags remembered per device for closing read conversations later. */
const MAX_TAGS = 20;

/** What a push job carries. */
interface PushJob {
  subscriptionId: string;
  userId: string;
  notification: PushNotification;
}

/** What {@link PushDelivery} needs. */
export interface DeliveryDeps {
  store: Store;
  sender: PushSender;
  ids: Ids;
  log: Logger;
  /** Sends per message and device, the first included (5). */
  maxAttempts?: number;
  /** The first retry's delay; each later one doubles it (2 s). */
  retryBaseMs?: number;
}

/** Enqueues and runs push jobs. */
export class PushDelivery {
  #maxAttempts: number;
  #retryBaseMs: number;

  constructor(private readonly deps: DeliveryDeps) {
    this.#maxAttempts = deps.maxAttempts ?? 5;
    this.#retryBaseMs = deps.retryBaseMs ?? 2000;
  }

  /** Schedules the notification for one device of its user. */
  async enqueue(sub: PushSubscriptionRecord, notification: PushNotification): Promise<void> {
    const job: PushJob = { subscriptionId: sub.id, userId: sub.userId, notification };
    await this.deps.store.jobs.enqueue({
      id: this.deps.ids.next(),
      kind: PUSH_JOB,
      payload: JSON.stringify(job),
      attempt: 0,
    }, 0);
  }

  /** Runs one push job; store failures throw, so the job store runs it again. */
  async run(record: JobRecord): Promise<void> {
    const job = JSON.parse(record.payload) as PushJob;
    const { store, sender, log } = this.deps;
    const sub = await store.pushSubscriptions.get(job.subscriptionId);
    // Unsubscribed, or the browser now belongs to someone else: nothing to send.
    if (!sub || sub.userId !== job.userId) return;
    const n = job.notification;
    const open = sub.tags.filter((t) => t !== n.tag);
    const [badge, close] = await Promise.all([
      mentionCount(store, sub.userId),
      readTags(store, sub.userId, open),
    ]);
    const { urgency, ...shown } = n;
    const payload: PushPayload = { ...shown, badge, close };
    const outcome = await sender.send(sub, {
      payload: JSON.stringify(payload),
      urgency,
      topic: n.tag.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32),
    });
    const where = { subscriptionId: sub.id, userId: sub.userId, attempt: record.attempt };
    switch (outcome.kind) {
      case "delivered": {
        const kept = open.filter((t) => !close.includes(t)).slice(-(MAX_TAGS - 1));
        await store.pushSubscriptions.setTags(sub.id, [...kept, n.tag]);
        return;
      }
      case "gone":
        log.info("push subscription gone; deleted", { ...where, status: outcome.status });
        await store.pushSubscriptions.delete(sub.id);
        return;
      case "rejected":
        log.warn("push refused by the push service; not retried", {
          ...where,
          reason: outcome.reason,
        });
        return;
      case "retry":
        return await this.#retry(record, outcome.reason, outcome.retryAfterMs);
    }
  }

  async #retry(record: JobRecord, reason: string, retryAfterMs?: number): Promise<void> {
    const attempt = record.attempt + 1;
    if (attempt >= this.#maxAttempts) {
      this.deps.log.warn("push dropped after its last attempt", { jobId: record.id, reason });
      return;
    }
    const backoff = this.#retryBaseMs * 2 ** record.attempt * (0.8 + Math.random() * 0.4);
    const delay = Math.min(Math.max(backoff, retryAfterMs ?? 0), 60 * 60_000);
    this.deps.log.info("push will be retried", { jobId: record.id, attempt, reason, delay });
    await this.deps.store.jobs.enqueue({ ...record, id: this.deps.ids.next(), attempt }, delay);
  }
}

/** The app badge: unread mentions across the user's channels. */
async function mentionCount(store: Store, userId: string): Promise<number> {
  const states = await store.readStates.list(userId);
  return states.reduce((sum, s) => sum + s.mentionCount, 0);
}

/** Of the channel tags shown on a device, those whose channel the user has read to the end. */
async function readTags(store: Store, userId: string, tags: string[]): Promise<string[]> {
  const read = await Promise.all(tags.map(async (tag) => {
    if (!tag.startsWith("ch:")) return false;
    const channelId = tag.slice(3);
    const [channel, state] = await Promise.all([
      store.channels.get(channelId),
      store.readStates.get(userId, channelId),
    ]);
    if (!channel?.lastMessageId) return true;
    return !!state?.lastReadId && state.lastReadId >= channel.lastMessageId;
  }));
  return tags.filter((_, i) => read[i]);
}
