/**
 * Helper processes of the voice tests that need a server of their own (a
 * TURN-configured or LiveKit-configured app, coturn): spawned from the
 * repository root, output kept for failure reports, stopped by pid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A spawned helper process. */
export interface Helper {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  stop(): void;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Spawns `command` in `cwd` with the environment plus `env` (minus inherited LiveKit settings). */
export function spawnHelper(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Helper {
  const inherited = { ...process.env };
  for (const key of Object.keys(inherited)) {
    if (key.startsWith("LIVEKIT_")) delete inherited[key];
  }
  const child = spawn(command, args, {
    cwd,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(String(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(String(chunk)));
  return {
    child,
    output: () => chunks.join(""),
    stop() {
      if (child.pid && child.exitCode === null) child.kill("SIGTERM");
    },
  };
}

/**
 * Starts an app server (`server/main.ts`, serving the assets the suite's
 * own server built) on a free port with an in-memory store and `env`.
 */
export async function startAppServer(
  root: string,
  env: Record<string, string>,
): Promise<{ baseURL: string; server: Helper }> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server = spawnHelper(process.execPath, ["run", "-A", "server/main.ts"], {
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: baseURL,
    DATA_DIR: ":memory:",
    PASSWORD_ITERATIONS: "100000",
    RATE_LIMIT_SCALE: "100",
    LOG_LEVEL: "warn",
    ...env,
  }, root);
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${baseURL}/login`)).ok) return { baseURL, server };
    } catch {
      // not listening yet
    }
    if (server.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  server.stop();
  throw new Error(`the app server at ${baseURL} did not start:\n${server.output()}`);
}
