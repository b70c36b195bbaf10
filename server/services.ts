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
import { jsonLogger, type Logger } from "./log.ts";
import { loadVapidKeys, type VapidKeys } from "./push/vapid.ts";
import type { Store } from "./store/port.ts";
import { UsersService } from "./users/service.ts";

/** The rate-limit rules of the auth endpoints. */
export interface AuthLimits {
  registerPerIp: RateRule;
  loginPerIp: RateRule;
  loginPerAccount: RateRule;
  resetPerIp: RateRule;
  resetPerAccount: RateRule;
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
  auth: AuthService;
  users: UsersService;
}

/** Builds the services, loading or generating the persisted secrets. */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { store, config } = deps;
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
  return {
    config,
    store,
    clock,
    ids,
    log,
    limiter: new RateLimiter(clock),
    limits: deps.limits ?? defaultLimits(config.rateLimitScale),
    vapid: await loadVapidKeys(config.vapid, store.secrets),
    auth,
    users: new UsersService({ store }),
  };
}
