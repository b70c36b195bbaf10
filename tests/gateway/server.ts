/**
 * Real servers for gateway tests: the whole app on `Deno.serve` (port 0)
 * over an in-memory KV, with a short heartbeat. Several instances may
 * share one store and one bus, like app instances behind a load balancer.
 */
import { createApp } from "../../server/app.ts";
import { pbkdf2Hasher } from "../../server/auth/password.ts";
import { loadConfig } from "../../server/config.ts";
import { memoryLogger } from "../../server/log.ts";
import type { Bus } from "../../server/realtime/bus.ts";
import type { GatewayOptions } from "../../server/realtime/hub.ts";
import { createServices, defaultLimits, type Services } from "../../server/services.ts";
import { kvStore } from "../../server/store/kv/mod.ts";
import type { Store } from "../../server/store/port.ts";
import { GatewaySocket } from "../support/gateway_client.ts";

/** Options of {@link startServer}. */
export interface ServerOptions {
  store?: Store;
  bus?: Bus;
  gateway?: GatewayOptions;
}

/** One running instance. */
export interface TestServer {
  services: Services;
  url: string;
  wsUrl: string;
  // deno-lint-ignore no-explicit-any
  api(method: string, path: string, body?: unknown, token?: string): Promise<any>;
  /** Registers `name` (password `password123`). */
  register(name: string): Promise<{ user: { id: string; username: string }; accessToken: string }>;
  /** A socket that has identified; `ready` is its payload. */
  // deno-lint-ignore no-explicit-any
  connect(token: string): Promise<{ socket: GatewaySocket; ready: any }>;
  /** Stops the gateway and the server (not a shared store). */
  close(): Promise<void>;
}

/** Opens a fresh in-memory store for one or more instances. */
export async function memoryStore(): Promise<Store> {
  return kvStore(await Deno.openKv(":memory:"));
}

/** Starts the app on a free port. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const ownStore = !options.store;
  const store = options.store ?? await memoryStore();
  const services = await createServices({
    store,
    config: loadConfig({ DATA_DIR: ":memory:", PUBLIC_URL: "http://chat.test" }),
    log: memoryLogger(),
    passwords: pbkdf2Hasher(1000),
    limits: defaultLimits(1000),
    bus: options.bus,
    gateway: { heartbeatIntervalMs: 2_000, ...options.gateway },
  });
  const app = createApp(services);
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    (req, info) => app.fetch(req, info),
  );
  const url = `http://127.0.0.1:${server.addr.port}`;
  const wsUrl = `ws://127.0.0.1:${server.addr.port}/api/v1/gateway`;
  const api: TestServer["api"] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return parsed;
  };
  return {
    services,
    url,
    wsUrl,
    api,
    register: (name) =>
      api("POST", "/auth/register", {
        username: name,
        email: `${name}@example.org`,
        password: "password123",
      }),
    async connect(token) {
      const socket = await GatewaySocket.connect(wsUrl);
      const ready = await socket.identify(token);
      return { socket, ready };
    },
    async close() {
      await services.gateway.stop();
      await services.jobs.stop();
      await server.shutdown();
      if (ownStore) await store.close();
    },
  };
}

/** A registered user. */
export interface Account {
  user: { id: string; username: string };
  accessToken: string;
}

/** A guild owned by `owner` with `members` joined; its `#general` channel id. */
export async function guildWith(
  s: TestServer,
  owner: Account,
  members: Account[],
  name = "Lounge",
): Promise<{ guildId: string; channelId: string }> {
  const guild = await s.api("POST", "/guilds", { name }, owner.accessToken);
  const channelId = guild.channels.find((c: { type: string }) => c.type === "text").id;
  for (const member of members) await join(s, guild.id, owner, member);
  return { guildId: guild.id, channelId };
}

/** Makes `member` join the guild through an invite of `owner`. */
export async function join(s: TestServer, guildId: string, owner: Account, member: Account) {
  // Through the service: the invite routes are not mounted in /api/v1 yet.
  const invite = await s.services.guilds.createInvite(owner.user.id, guildId, {});
  await s.services.guilds.acceptInvite(member.user.id, invite.code);
}

/** Posts a message through REST and returns it. */
export function say(s: TestServer, account: Account, channelId: string, content: string) {
  return s.api(
    "POST",
    `/channels/${channelId}/messages`,
    { content, nonce: crypto.randomUUID() },
    account.accessToken,
  );
}

/**
 * Publishes a marker only `userId` may see and waits for it on `socket`:
 * the Hub dispatches in bus order, so whatever was published before and
 * has not arrived by then never will.
 */
export async function barrier(s: TestServer, userId: string, socket: GatewaySocket) {
  const marker = crypto.randomUUID();
  await s.services.bus.publish({ t: "USER_UPDATE", d: { marker }, to: { userIds: [userId] } });
  await socket.dispatch("USER_UPDATE", (d) => d.marker === marker);
}
