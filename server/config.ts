/**
 * The only reader of the environment. Every variable is validated here; a
 * bad value stops start-up with one line naming the variable and what it
 * expected (see {@link ConfigError}).
 */
import { z } from "zod";
import type { LogLevel } from "./log.ts";
import type { IceServer } from "./wire/types.ts";

/** The validated configuration the app is composed from. */
export interface Config {
  port: number;
  hostname: string;
  /** Directory of the Deno KV database, or `:memory:`. */
  dataDir: string;
  mongodbUri: string | null;
  mongodbDb: string;
  publicUrl: URL;
  /** HMAC secret for access tokens; generated and persisted when absent. */
  jwtSecret: string | null;
  jwtAccessTtlSeconds: number;
  jwtRefreshTtlSeconds: number;
  smtpUrl: URL | null;
  mailFrom: string;
  livekit: { url: string; apiKey: string; apiSecret: string } | null;
  /** Mesh voice (without LiveKit): ICE servers and the room cap. */
  voice: VoiceConfig;
  vapid: { publicKey: string; privateKey: string } | null;
  vapidSubject: string;
  /** Accept push endpoints on private and loopback hosts (tests, closed networks). */
  pushAllowPrivateEndpoints: boolean;
  trustProxy: boolean;
  corsOrigins: string[];
  logLevel: LogLevel;
  passwordIterations: number;
  /** Multiplies every auth rate limit (test rigs raise it). */
  rateLimitScale: number;
}

/** Mesh voice settings. */
export interface VoiceConfig {
  /** `ICE_SERVERS`: STUN/TURN servers handed to every joiner as they are. */
  iceServers: IceServer[];
  /** `TURN_URL` + `TURN_SECRET`: a coturn with `use-auth-secret`; credentials are minted per join. */
  turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
  /** `VOICE_MESH_LIMIT`: participants per mesh room (each sends to every other one). */
  meshLimit: number;
}

/** A configuration problem, worded as the one line start-up prints. */
export class ConfigError extends Error {
  constructor(readonly variable: string, expected: string, got: string | undefined) {
    super(
      `Invalid ${variable}: expected ${expected}, got ${
        got === undefined ? "nothing" : JSON.stringify(got)
      }`,
    );
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

interface Spec<T> {
  expected: string;
  schema: z.ZodType<T>;
}

const int = (min: number, max: number): Spec<number> => ({
  expected: `an integer from ${min} to ${max}`,
  schema: z.coerce.number().int().min(min).max(max),
});

const httpUrl: Spec<URL> = {
  expected: "an http(s) URL such as https://chat.example.org",
  schema: z.url({ protocol: /^https?$/ }).transform((s) => new URL(s)),
};

const bool: Spec<boolean> = {
  expected: "0 or 1",
  schema: z.enum(["0", "1", "true", "false"]).transform((s) => s === "1" || s === "true"),
};

function read<T>(env: Env, name: string, spec: Spec<T>, fallback: T): T;
function read<T>(env: Env, name: string, spec: Spec<T>): T | null;
function read<T>(env: Env, name: string, spec: Spec<T>, fallback?: T): T | null {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback ?? null;
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(name, spec.expected, raw);
  return parsed.data;
}

/** All of a group of variables, or none of them. */
function group(env: Env, names: string[]): string[] | null {
  const given = names.filter((n) => env[n]);
  if (given.length === 0) return null;
  const missing = names.find((n) => !env[n]);
  if (missing) {
    throw new ConfigError(missing, `to be set together with ${given.join(", ")}`, undefined);
  }
  return names.map((n) => env[n]!);
}

const IceUrl = z.string().max(512).regex(/^(stun|turns?):[^\s,]+$/);

const iceServers: Spec<IceServer[]> = {
  expected: 'a JSON array of RTCIceServer such as [{"urls":"stun:stun.example.org:3478"}]',
  schema: z.string().transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "not JSON" });
      return z.NEVER;
    }
  }).pipe(
    z.array(z.strictObject({
      urls: z.union([IceUrl, z.array(IceUrl).min(1).max(8)]),
      username: z.string().max(256).optional(),
      credential: z.string().max(256).optional(),
    })).max(16),
  ),
};

/** Reads the mesh voice settings: `ICE_SERVERS`, `TURN_*` and `VOICE_MESH_LIMIT`. */
function readVoice(env: Env): VoiceConfig {
  const turn = group(env, ["TURN_URL", "TURN_SECRET"]);
  const urls = turn?.[0].split(",").map((u) => u.trim()).filter(Boolean) ?? [];
  if (turn && (urls.length === 0 || !urls.every((u) => IceUrl.safeParse(u).success))) {
    throw new ConfigError(
      "TURN_URL",
      "comma-separated turn:/turns: URLs such as turn:turn.example.org:3478",
      turn[0],
    );
  }
  if (turn && turn[1].length < 16) {
    throw new ConfigError("TURN_SECRET", "at least 16 characters", "(hidden)");
  }
  return {
    iceServers: read(env, "ICE_SERVERS", iceServers, []),
    turn: turn
      ? { urls, secret: turn[1], ttlSeconds: read(env, "TURN_TTL", int(60, 86_400), 3600) }
      : null,
    meshLimit: read(env, "VOICE_MESH_LIMIT", int(2, 32), 8),
  };
}

/** Reads and validates the configuration from an environment map. */
export function loadConfig(env: Env): Config {
  const port = read(env, "PORT", int(0, 65535), 8000);
  const publicUrl = read(env, "PUBLIC_URL", httpUrl, new URL(`http://localhost:${port}`));
  const jwtSecret = read(env, "JWT_SECRET", {
    expected: "at least 32 characters",
    schema: z.string().min(32),
  });
  const mongodbUri = read(env, "MONGODB_URI", {
    expected: "a mongodb:// or mongodb+srv:// URI",
    schema: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/),
  });
  const smtpUrl = read(env, "SMTP_URL", {
    expected: "an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.org:587",
    schema: z.url({ protocol: /^smtps?$/ }).transform((s) => new URL(s)),
  });
  const livekit = group(env, ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]);
  if (livekit && !/^(wss?|https?):\/\/\S+$/.test(livekit[0])) {
    throw new ConfigError("LIVEKIT_URL", "a ws(s):// or http(s):// URL", livekit[0]);
  }
  const vapid = group(env, ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"]);
  if (vapid) {
    const [pub, priv] = vapid;
    if (!/^[A-Za-z0-9_-]{87}$/.test(pub)) {
      throw new ConfigError("VAPID_PUBLIC_KEY", "a base64url P-256 public key (87 chars)", pub);
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(priv)) {
      throw new ConfigError(
        "VAPID_PRIVATE_KEY",
        "a base64url P-256 private key (43 chars)",
        "(hidden)",
      );
    }
  }
  const corsOrigins = read(env, "CORS_ORIGINS", {
    expected: "a comma-separated list of http(s) origins",
    schema: z.string().transform((s) => s.split(",").map((o) => o.trim()).filter(Boolean))
      .refine((list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o))),
  }, []);

  return {
    port,
    hostname: read(env, "HOST", {
      expected: "a host name or IP address to listen on",
      schema: z.string().regex(/^[\w.:-]+$/),
    }, "0.0.0.0"),
    dataDir: read(
      env,
      "DATA_DIR",
      { expected: "a directory path or :memory:", schema: z.string() },
      "./data",
    ),
    mongodbUri,
    mongodbDb: read(env, "MONGODB_DB", {
      expected: "a database name of letters, digits, _ and -",
      schema: z.string().regex(/^[\w-]{1,63}$/),
    }, "chat"),
    publicUrl,
    jwtSecret,
    jwtAccessTtlSeconds: read(env, "JWT_ACCESS_TTL", int(30, 86_400), 900),
    jwtRefreshTtlSeconds: read(env, "JWT_REFRESH_TTL", int(3600, 31_536_000), 2_592_000),
    smtpUrl,
    mailFrom: read(env, "MAIL_FROM", {
      expected: "an e-mail address, optionally with a name: Chat <noreply@example.org>",
      schema: z.string().regex(/^([^<>]*<)?[^@\s<>]+@[^@\s<>]+>?$/),
    }, `Chat <noreply@${publicUrl.hostname}>`),
    livekit: livekit ? { url: livekit[0], apiKey: livekit[1], apiSecret: livekit[2] } : null,
    voice: readVoice(env),
    vapid: vapid ? { publicKey: vapid[0], privateKey: vapid[1] } : null,
    vapidSubject: read(env, "VAPID_SUBJECT", {
      expected: "a mailto: or https: URL",
      schema: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/),
    }, `mailto:admin@${publicUrl.hostname}`),
    pushAllowPrivateEndpoints: read(env, "PUSH_ALLOW_PRIVATE_ENDPOINTS", bool, false),
    trustProxy: read(env, "TRUST_PROXY", bool, false),
    corsOrigins,
    logLevel: read(env, "LOG_LEVEL", {
      expected: "one of debug, info, warn, error",
      schema: z.enum(["debug", "info", "warn", "error"]),
    }, "info"),
    passwordIterations: read(env, "PASSWORD_ITERATIONS", int(100_000, 10_000_000), 600_000),
    rateLimitScale: read(env, "RATE_LIMIT_SCALE", int(1, 1000), 1),
  };
}
