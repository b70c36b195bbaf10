/**
 * The service graph, built from explicit dependencies. Nothing here reads
 * the environment or holds a global: tests build it with an in-memory KV,
 * a manual clock and a cheap password hasher.
 */
import { AuthService } from "./auth/service.ts";
import { logMailer, type Mailer, smtpMailer } from "./auth/mailer.ts";
import { type PasswordHasher, pbkdf2Hasher } from "./auth/password.ts";
import { jwtAccessTokens } from "./auth/tokens.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { randomToken } from "./crypto/encoding.ts";
import { RateLimiter, type RateRule } from "./http/rate_limit.ts";
import { type Ids, ulidGenerator } from "./ids.ts";
import { JobRunner } from "./jobs.ts";
import { jsonLogger, type Logger } from "./log.ts";
import { createPush, type Push, type PushOptions } from "./push/mod.ts";
import { loadVapidKeys, type VapidKeys } from "./push/vapid.ts";
import type { Store } from "./store/port.ts";
import { UsersService } from "./users/service.ts";
import type { DomainDeps } from "./deps.ts";
import { GuildsService } from "./guilds/service.ts";
import { MessagesService } from "./messages/service.ts";
import { channelPurgeHandler, PURGE_CHANNEL_JOB } from "./messages/purge.ts";
import { type Bus, localBus } from "./realtime/bus.ts";
import { withReadCache } from "./store/read_cache.ts";
import type { PresenceReader } from "./realtime/presence.ts";
import { type GatewayOptions, Hub } from "./realtime/hub.ts";
import { PresenceTracker } from "./realtime/presence_tracker.ts";
import { readyLoader } from "./realtime/ready.ts";
import { RelationshipsService } from "./relationships/service.ts";
import { VoiceService } from "./voice/service.ts";

/** The rate-limit rules of the auth endpoints. */
export interface AuthLimits {
  registerPerIp: RateRule;
  loginPerIp: RateRule;
  loginPerAccount: RateRule;
  resetPerIp: RateRule;
  resetPerAccount: RateRule;
  /** Messages one user may send (per user, across channels). */
  messageSend: RateRule;
}

const MINUTE = 60_000;

/** Default limits: generous for people, tight for scripts. */
export function defaultLimits(scale = 1): AuthLimits {
  return {
    registerPerIp: { name: "register", max: 10 * scale, windowMs: 60 * MINUTE },
    loginPerIp: { name: "login", max: 30 * scale, windowMs: 5 * MINUTE },
    loginPerAccount: { name: "login", max: 10 * scale, windowMs: 5 * MINUTE },
    resetPerIp: { name: "password reset", max: 10 * scale, windowMs: 60 * MINUTE },
    resetPerAccount: { name: "password reset", max: 3 * scale, windowMs: 60 * MINUTE },
    messageSend: { name: "message send", max: 10 * scale, windowMs: 5_000 },
  };
}

/** What {@link createServices} needs; everything but store and config has a default. */
export interface ServiceDeps {
  store: Store;
  config: Config;
  clock?: Clock;
  ids?: Ids;
  log?: Logger;
  passwords?: PasswordHasher;
  mailer?: Mailer;
  limits?: AuthLimits;
  /** The event bus; a local one when absent (one instance). */
  bus?: Bus;
  /** Who is online; the gateway's tracker when absent. */
  presence?: PresenceReader;
  /** Gateway timings and limits (tests shorten the heartbeat). */
  gateway?: GatewayOptions;
  /** Push transport and retry settings (tests trust their local push service). */
  push?: PushOptions;
}

/** Every service the routes call, plus the shared pieces they read. */
export interface Services {
  config: Config;
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Logger;
  limiter: RateLimiter;
  limits: AuthLimits;
  vapid: VapidKeys;
  bus: Bus;
  presence: PresenceReader;
  auth: AuthService;
  users: UsersService;
  guilds: GuildsService;
  relationships: RelationshipsService;
  messages: MessagesService;
  /** Voice channels: joins, mute/deafen, LiveKit webhooks, mesh signalling rules. */
  voice: VoiceService;
  /** Web push: subscriptions, settings, focus, notifier (started by `createApp`). */
  push: Push;
  /** The durable job queue's runner: push deliveries, purges (started by `createApp`). */
  jobs: JobRunner;
  /** The WebSocket gateway of this instance (started by `createApp`). */
  gateway: Hub;
}

/** Builds the services, loading or generating the persisted secrets. */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { config } = deps;
  const bus = deps.bus ?? localBus();
  const store = withReadCache(deps.store, bus);
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? ulidGenerator(() => clock.now());
  const log = deps.log ?? jsonLogger(config.logLevel);
  const jwtSecret = config.jwtSecret ??
    await store.secrets.getOrCreate("jwt-hs256", () => randomToken(48));
  const mailer = deps.mailer ??
    (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : logMailer(log));
  const auth = new AuthService({
    store,
    clock,
    ids,
    log,
    mailer,
    passwords: deps.passwords ?? pbkdf2Hasher(config.passwordIterations),
    tokens: jwtAccessTokens(jwtSecret, config.jwtAccessTtlSeconds),
    publicUrl: config.publicUrl,
    refreshTtlSeconds: config.jwtRefreshTtlSeconds,
  });
  const tracker = new PresenceTracker();
  const presence = deps.presence ?? tracker;
  const domain: DomainDeps = { store, bus, clock, ids, log, presence };
  const relationships = new RelationshipsService(domain);
  const limiter = new RateLimiter(clock);
  const limits = deps.limits ?? defaultLimits(config.rateLimitScale);
  const vapid = await loadVapidKeys(config.vapid, store.secrets);
  const instanceId = ids.next();
  const jobs = new JobRunner({ jobs: store.jobs, log });
  jobs.handle(PURGE_CHANNEL_JOB, channelPurgeHandler(domain));
  const push = createPush({ ...domain, config, vapid, instanceId, jobs, options: deps.push });
  const services = {
    config,
    store,
    clock,
    ids,
    log,
    bus,
    presence,
    limiter,
    limits,
    vapid,
    auth,
    users: new UsersService({ store, bus }),
    guilds: new GuildsService(domain),
    relationships,
    messages: new MessagesService({ ...domain, relationships, limiter, limits }),
    push,
    jobs,
    voice: new VoiceService({ ...domain, voice: config.voice, livekit: config.livekit }),
  };
  const gateway = new Hub({
    ...deps.gateway,
    bus,
    presence: tracker,
    instanceId,
    ids,
    log,
    authenticate: (token) => auth.authenticate(token),
    loadReady: readyLoader(services),
    voice: services.voice,
    onFocus: (userId, sessionId, focused) => void push.focus.set(userId, sessionId, focused),
  });
  return { ...services, gateway };
}
