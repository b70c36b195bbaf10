/**
 * The whole app on a real port for the push tests, with web push pointed at
 * the local push-service stand-in: private endpoints allowed (it listens on
 * 127.0.0.1), its certificate trusted, short retry delays and timeouts.
 */
import { createApp } from "../../server/app.ts";
import { pbkdf2Hasher } from "../../server/auth/password.ts";
import { loadConfig } from "../../server/config.ts";
import { memoryLogger } from "../../server/log.ts";
import type { PushOptions } from "../../server/push/mod.ts";
import { createServices, defaultLimits, type Services } from "../../server/services.ts";
import { kvStore } from "../../server/store/kv/mod.ts";
import { GatewaySocket } from "./gateway_client.ts";

/** A registered user. */
export interface Account {
  user: { id: string; username: string };
  accessToken: string;
}

/** A response: status and parsed JSON body. */
export interface ApiResponse {
  status: number;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** One running app. */
export interface PushTestApp {
  services: Services;
  log: ReturnType<typeof memoryLogger>;
  api(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse>;
  /** Sends `raw` as the body, as is. */
  raw(method: string, path: string, raw: string, token?: string): Promise<ApiResponse>;
  register(name: string): Promise<Account>;
  /** A gateway socket that has identified. */
  connect(token: string): Promise<GatewaySocket>;
  close(): Promise<void>;
}

/** Starts the app over a fresh in-memory KV; `env` adds configuration. */
export async function startPushTestApp(
  push: PushOptions,
  env: Record<string, string> = {},
): Promise<PushTestApp> {
  const store = kvStore(await Deno.openKv(":memory:"));
  const log = memoryLogger();
  const services = await createServices({
    store,
    config: loadConfig({
      DATA_DIR: ":memory:",
      PUBLIC_URL: "http://chat.test",
      PUSH_ALLOW_PRIVATE_ENDPOINTS: "1",
      ...env,
    }),
    log,
    passwords: pbkdf2Hasher(1000),
    limits: defaultLimits(1000),
    push: { retryBaseMs: 50, timeoutMs: 2000, ...push },
  });
  const app = createApp(services);
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    (req, info) => app.fetch(req, info),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const send = async (method: string, path: string, body?: string, token?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${base}/api/v1${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const api: PushTestApp["api"] = (method, path, body, token) =>
    send(method, path, body === undefined ? undefined : JSON.stringify(body), token);
  return {
    services,
    log,
    api,
    raw: send,
    async register(name) {
      const res = await api("POST", "/auth/register", {
        username: name,
        email: `${name}@example.org`,
        password: "password123",
      });
      if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async connect(token) {
      const socket = await GatewaySocket.connect(`${base.replace("http", "ws")}/api/v1/gateway`);
      await socket.identify(token);
      return socket;
    },
    async close() {
      await services.gateway.stop();
      await services.push.stop();
      await services.jobs.stop();
      await server.shutdown();
      await store.close();
    },
  };
}
