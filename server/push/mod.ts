/**
 * Web push, composed: the REST-facing service, the focus board the gateway
 * feeds, the notifier on the bus and the delivery jobs it hands the job runner.
 */
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Ids } from "../ids.ts";
import type { Logger } from "../log.ts";
import type { Bus } from "../realtime/bus.ts";
import type { JobRunner } from "../jobs.ts";
import type { Store } from "../store/port.ts";
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
  /** The job runner push deliveries run on. */
  jobs: JobRunner;
  options?: PushOptions;
}

/** Web push of one instance. */
export interface Push {
  service: PushService;
  focus: FocusBoard;
  notifier: PushNotifier;
  /** Starts the notifier and the focus refresh (deliveries run on the job runner); idempotent. */
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
  deps.jobs.handle(PUSH_JOB, (job) => delivery.run(job));
  return {
    service: new PushService({
      store,
      clock: deps.clock,
      allowPrivateEndpoints: config.pushAllowPrivateEndpoints,
    }),
    focus,
    notifier,
    start() {
      notifier.start();
      focus.start();
    },
    async stop() {
      await notifier.stop();
      await focus.stop();
    },
  };
}
