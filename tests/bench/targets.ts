/**
 * The three servers under the same load: the bare Deno broadcast server
 * (physical baseline), Socket.IO on Node (the peer), and ours. Each
 * scenario starts a fresh process of each so memory figures start clean.
 */
import { benchNonce, type ClientSpec } from "./clients.ts";
import type { Post } from "./load.ts";
import { freePort, type ServerProcess, spawnServer, waitForHttp } from "./processes.ts";

/** The repository root (the bench runs every server from there). */
export const ROOT = new URL("../../", import.meta.url).pathname;

/** A started target: its process, which clients it takes and how the sender posts. */
export interface Running {
  proc: ServerProcess;
  clients: ClientSpec;
  post: Post;
}

/** One server under test. */
export interface Target {
  key: "bare" | "sized" | "socketio" | "ours";
  label: string;
  start(): Promise<Running>;
}

/** A POST that resolves to null on `success` (any 2xx when absent), else a short reason. */
async function postJson(
  url: string,
  body: unknown,
  token?: string,
  success?: number,
): Promise<string | null> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (success === undefined ? res.ok : res.status === success) {
    await res.body?.cancel();
    return null;
  }
  const text = await res.text();
  let type = "";
  try {
    type = ` ${JSON.parse(text).type ?? ""}`;
  } catch { /* not a problem document */ }
  return `HTTP ${res.status}${type}`;
}

/** Posts `{seq, t0}` to a broadcast server's /send. */
function broadcastPost(base: string): Post {
  return (seq) => postJson(`${base}/send`, { seq, t0: performance.timeOrigin + performance.now() });
}

/**
 * The bare Deno WebSocket broadcast server; `sized`, its frames shaped
 * and sized like our MESSAGE_CREATE dispatches.
 */
export function bareTarget(logDir: string, sized = false): Target {
  return {
    key: sized ? "sized" : "bare",
    label: sized ? "bare Deno WS, message-sized frames" : "bare Deno WS",
    async start() {
      const port = freePort();
      const args = ["run", "-A", "tests/bench/bare_server.ts", String(port)];
      const proc = await spawnServer(
        Deno.execPath(),
        sized ? [...args, "message-sized"] : args,
        {},
        port,
        `${logDir}/${sized ? "sized" : "bare"}.log`,
        ROOT,
      );
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health`, proc.pid);
      const url = `ws://127.0.0.1:${port}/ws`;
      return { proc, clients: { kind: sized ? "sized" : "bare", url }, post: broadcastPost(base) };
    },
  };
}

/** Makes sure Node can resolve `socket.io` from node_modules (fresh clones lack it). */
export async function ensureSocketIoInstalled(): Promise<void> {
  try {
    await Deno.stat(`${ROOT}node_modules/socket.io/package.json`);
    return;
  } catch { /* install below */ }
  console.log("node_modules/socket.io is missing: running deno install");
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["install"],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`deno install failed with exit code ${out.code}`);
  await Deno.stat(`${ROOT}node_modules/socket.io/package.json`);
}

/** A Socket.IO broadcast server on Node. */
export function socketIoTarget(logDir: string): Target {
  return {
    key: "socketio",
    label: "Socket.IO (Node)",
    async start() {
      const port = freePort();
      const proc = await spawnServer(
        "node",
        ["tests/bench/socketio_server.mjs", String(port)],
        { PATH: Deno.env.get("PATH") ?? "" },
        port,
        `${logDir}/socketio.log`,
        ROOT,
      );
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health`, proc.pid);
      return { proc, clients: { kind: "socketio", url: base }, post: broadcastPost(base) };
    },
  };
}

/** What {@link oursTarget} needs from the preparation: a seeded store and tokens. */
export interface OursSetup {
  dataDir: string;
  channelId: string;
  /** Access token of client i (user i). */
  tokens: string[];
}

/** The environment our server runs with in the benchmark. */
export function oursEnv(port: number, dataDir: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    RATE_LIMIT_SCALE: "1000",
    PASSWORD_ITERATIONS: "100000",
    JWT_ACCESS_TTL: "3600",
    PATH: Deno.env.get("PATH") ?? "",
    HOME: Deno.env.get("HOME") ?? "",
  };
}

/**
 * The `deno run` flags our server runs with: the V8 flags of the `start`
 * task in deno.json (the benchmark measures the server as it is deployed),
 * then any from BENCH_OURS_FLAGS (space-separated), e.g.
 * `--inspect=127.0.0.1:9229` to profile it.
 */
function oursDenoFlags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`));
  const start = String(config.tasks?.start ?? "");
  const v8 = start.match(/--v8-flags=\S+/g) ?? [];
  return [...v8, ...(Deno.env.get("BENCH_OURS_FLAGS") ?? "").split(" ").filter(Boolean)];
}

/** Starts `server/main.ts` on a free port over `dataDir`. */
export async function startOurServer(dataDir: string, logDir: string): Promise<ServerProcess> {
  const port = freePort();
  const proc = await spawnServer(
    Deno.execPath(),
    ["run", "-A", ...oursDenoFlags(), "server/main.ts"],
    oursEnv(port, dataDir),
    port,
    `${logDir}/ours.log`,
    ROOT,
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/v1/users/@me`, proc.pid);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return proc;
}

/** Our server: real login, real gateway identify, real message POSTs. */
export function oursTarget(logDir: string, setup: () => Promise<OursSetup>): Target {
  return {
    key: "ours",
    label: "ours",
    async start() {
      const { dataDir, channelId, tokens } = await setup();
      const proc = await startOurServer(dataDir, logDir);
      const base = `http://127.0.0.1:${proc.port}`;
      const url = `${base}/api/v1/channels/${channelId}/messages`;
      const tag = crypto.randomUUID().slice(0, 8);
      const sender = tokens[0]; // the guild owner posts; every client receives
      const post: Post = (seq) => {
        const t0 = performance.timeOrigin + performance.now();
        const body = { content: JSON.stringify({ t0, seq }), nonce: benchNonce(tag, seq) };
        return postJson(url, body, sender, 201);
      };
      return {
        proc,
        clients: { kind: "gateway", url: `ws://127.0.0.1:${proc.port}/api/v1/gateway`, tokens },
        post,
      };
    },
  };
}
