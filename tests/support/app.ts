/**
 * A real app for tests: real services over a real in-memory Deno KV, a
 * real HTTP app driven through `app.request()` (or a real server), a
 * manual clock and PBKDF2 at a low iteration count so suites stay quick.
 */
import { afterEach, beforeEach } from "vitest";
import { createApp } from "../../server/app.ts";
import type { Mailer } from "../../server/auth/mailer.ts";
import { pbkdf2Hasher } from "../../server/auth/password.ts";
import { manualClock } from "../../server/clock.ts";
import { loadConfig } from "../../server/config.ts";
import { memoryLogger } from "../../server/log.ts";
import {
  type AuthLimits,
  createServices,
  defaultLimits,
  type Services,
} from "../../server/services.ts";
import type { BusEvent } from "../../server/realtime/bus.ts";
import { kvStore } from "../../server/store/kv/mod.ts";
import type { Store } from "../../server/store/port.ts";

/** Options for {@link startTestApp}. */
export interface TestAppOptions {
  env?: Record<string, string>;
  mailer?: Mailer;
  limits?: AuthLimits;
  /** Reuse a store (e.g. to show secrets survive a restart). */
  store?: Store;
}

/** A test app and the pieces tests inspect. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  store: Store;
  clock: ReturnType<typeof manualClock>;
  log: ReturnType<typeof memoryLogger>;
  client(): TestClient;
  close(): Promise<void>;
}

/** Builds the app over an in-memory KV. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = options.store ?? kvStore(await Deno.openKv(":memory:"));
  const clock = manualClock(Date.now());
  const log = memoryLogger();
  const config = loadConfig({
    DATA_DIR: ":memory:",
    PUBLIC_URL: "http://chat.test",
    ...options.env,
  });
  const services = await createServices({
    store,
    config,
    clock,
    log,
    passwords: pbkdf2Hasher(1000),
    mailer: options.mailer,
    // Suites register many users from one address; hygiene tests pass the real limits.
    limits: options.limits ?? defaultLimits(100),
  });
  const app = createApp(services);
  return {
    app,
    services,
    store,
    clock,
    log,
    client: () => new TestClient(app),
    close: async () => {
      await services.jobs.stop(); // a purge under way finishes before its store closes
      await store.close();
    },
  };
}

/** A response with its JSON body already read. */
export interface TestResponse {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** Request options of {@link TestClient}. */
export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Raw body instead of JSON. */
  raw?: BodyInit;
  /** Connection info as Deno.serve would pass it. */
  remoteAddr?: string;
}

/** A cookie-keeping client over `app.request()`, like one browser. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: TestApp["app"]) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<TestResponse> {
    const headers = new Headers(options.headers);
    if (body !== undefined && !headers.has("content-type")) {
      headers.set("content-type", "application/json");
    }
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await this.app.request(
      `http://chat.test/api/v1${path}`,
      {
        method,
        headers,
        body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      },
      { remoteAddr: { hostname: options.remoteAddr ?? "127.0.0.1" } },
    );
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, value] = pair.split("=");
      if (/max-age=0/i.test(cookie) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get = (path: string, options?: RequestOptions) => this.request("GET", path, undefined, options);
  post = (path: string, body?: unknown, options?: RequestOptions) =>
    this.request("POST", path, body, options);
  patch = (path: string, body?: unknown, options?: RequestOptions) =>
    this.request("PATCH", path, body, options);

  /** Registers `username` (password `password123`) and returns the session. */
  async register(username: string, extra: Record<string, unknown> = {}) {
    const res = await this.post("/auth/register", {
      username,
      email: `${username}@example.org`,
      password: "password123",
      ...extra,
    });
    if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
    return res.body as { user: { id: string; username: string }; accessToken: string };
  }
}

/** A registered user as the tests hold it. */
export type Session = { user: { id: string; username: string }; accessToken: string };

/** What {@link useTestApp} gives each test: a fresh app, a client and the events published. */
export interface TestContext {
  t: TestApp;
  c: TestClient;
  /** Every bus event published since the test started, in order. */
  events: BusEvent[];
}

/**
 * Gives every test of the calling suite a fresh app over a new in-memory
 * KV, one client, and a record of the bus events, closed after the test.
 */
export function useTestApp(options: TestAppOptions = {}): TestContext {
  const ctx = { events: [] as BusEvent[] } as TestContext;
  beforeEach(async () => {
    ctx.t = await startTestApp(options);
    ctx.c = ctx.t.client();
    ctx.events = [];
    ctx.t.services.bus.subscribe((e) => ctx.events.push(e));
  });
  afterEach(() => ctx.t.close());
  return ctx;
}
