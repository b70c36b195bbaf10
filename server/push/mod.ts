/**
 * Web push, composed: the REST-facing service, the focus board the gateway
 * feeds, the notifier on the bus and the job runner that delivers.
 */
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Ids } from "../ids.ts";
import type { Logger } from "../log.ts";
import type { Bus } from "../realtime/bus.ts";
import type { JobRecord, Store } from "../store/port.ts";
import { PUSH_JOB, PushDelivery } from "./delivery.ts";
import { FocusBoard } from "./focus.ts";
import { viewableChannel } from "../permissions/access.ts";
import { PushNotifier } from "./notifier.ts";
import { type PushSender, webPushSender } from "./sender.ts";
import { PushService } from "./service.ts";
import type { VapidKeys } from "./vapid.ts";

/** Transport and retry settings; tests shorten the backoff and trust their push service. */
export interface PushOptions {
  /** A `node:https` Agent for requests to push services. */
  agent?: unknown;
  /** Request timeout per send (10 s). */
  timeoutMs?: number;
  /** The first retry's delay (2 s), doubling after each. */
  retryBaseMs?: number;
  /** Sends per message and device (5). */
  maxAttempts?: number;
  /** Replaces the web-push sender (a different transport, never a fake in tests). */
  sender?: PushSender;
}

/** What {@link createPush} needs. */
export interface PushDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  log: Logger;
  config: Config;
  vapid: VapidKeys;
  /** This instance's id (names its focus marks). */
  instanceId: string;
  options?: PushOptions;
}

/** Web push of one instance. */
export interface Push {
  service: PushService;
  focus: FocusBoard;
  notifier: PushNotifier;
  /** Starts the notifier, the job runner and the focus refresh; idempotent. */
  start(): void;
  /** Stops them, letting decisions under way finish. */
  stop(): Promise<void>;
}

/** Builds web push from explicit dependencies. */
export function createPush(deps: PushDeps): Push {
  const { store, log, config } = deps;
  const options = deps.options ?? {};
  const sender = options.sender ?? webPushSender({
    vapid: deps.vapid,
    subject: config.vapidSubject,
    agent: options.agent,
    timeoutMs: options.timeoutMs,
  });
  const delivery = new PushDelivery({
    store,
    sender,
    ids: deps.ids,
    log,
    maxAttempts: options.maxAttempts,
    retryBaseMs: options.retryBaseMs,
  });
  const focus = new FocusBoard({
    store: store.focus,
    clock: deps.clock,
    log,
    instanceId: deps.instanceId,
  });
  const notifier = new PushNotifier({
    store,
    bus: deps.bus,
    log,
    delivery,
    hasFocusedClient: (userId) => focus.hasFocusedClient(userId),
    canView: (userId, channelId) =>
      viewableChannel(store, userId, channelId, deps.clock.now()).then(() => true, () => false),
  });
  let stopJobs: (() => void) | null = null;
  const running = new Set<Promise<void>>();
  /** Runs a job, remembered until done so `stop` can wait for it. */
  function run(job: JobRecord): Promise<void> {
    const done: Promise<void> = delivery.run(job).finally(() => running.delete(done));
    running.add(done);
    return done;
  }
  return {
    service: new PushService({
      store,
      clock: deps.clock,
      allowPrivateEndpoints: config.pushAllowPrivateEndpoints,
    }),
    focus,
    notifier,
    start() {
      if (stopJobs) return;
      notifier.start();
      focus.start();
      stopJobs = store.jobs.listen(async (job) => {
        if (job.kind === PUSH_JOB) await run(job);
      });
    },
    async stop() {
      stopJobs?.();
      stopJobs = null;
      await notifier.stop();
      await focus.stop();
      await Promise.allSettled([...running]);
    },
  };
}
