/**
 * Server processes of the benchmark: spawned directly (never through npx,
 * so the pid is the server's own and its RSS is the server's), with output
 * kept in a log file, stopped by pid.
 */

/** A running server process. */
export interface ServerProcess {
  pid: number;
  port: number;
  logPath: string;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The resident set size of a process in bytes, from /proc. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb[1]) * 1024;
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc ("self" for this one). */
export async function cpuSeconds(pid: number | "self"): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Kernel clock ticks per second (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** Spawns `cmd args` with `env`, sending stdout and stderr to `logPath`. */
export async function spawnServer(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  logPath: string,
  cwd: string,
): Promise<ServerProcess> {
  const child = new Deno.Command(cmd, {
    args,
    env,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log = await Deno.open(logPath, { create: true, append: true });
  const enc = new TextEncoder();
  const copy = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) await log.write(chunk);
  };
  const copied = Promise.all([copy(child.stdout), copy(child.stderr)]).catch(() => {});
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  await log.write(enc.encode(`# ${cmd} ${args.join(" ")} (pid ${child.pid})\n`));
  return {
    pid: child.pid,
    port,
    logPath,
    async stop() {
      if (!exited) {
        try {
          child.kill("SIGTERM");
        } catch { /* already gone */ }
        const killer = setTimeout(() => {
          try {
            child.kill("SIGKILL");
          } catch { /* already gone */ }
        }, 5000);
        await status;
        clearTimeout(killer);
      }
      await copied;
      log.close();
    },
  };
}

/** Polls `url` until any HTTP answer arrives; fails after `ms` or if the process died. */
export async function waitForHttp(url: string, pid: number, ms = 60_000): Promise<void> {
  const start = performance.now();
  while (performance.now() - start < ms) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      return;
    } catch { /* not listening yet */ }
    try {
      await Deno.stat(`/proc/${pid}`);
    } catch {
      throw new Error(`server process ${pid} exited before listening`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${ms} ms`);
}

/**
 * A full garbage collection of this thread's heap, where V8 exposes one
 * (`--expose-gc`, which the bench task passes); nothing otherwise.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Where the speed probe's loop leaves its result, so the loop is not optimised away. */
let probeSink = 0;

/**
 * How fast this machine runs plain JavaScript right now: millions of
 * iterations of a fixed arithmetic loop per second, the median of 25 ms
 * slices over `ms`. Read on the load generator's thread between
 * rounds, while every server is idle, it tells a slow stretch of a shared
 * VM (whose speed drifts by tens of percent within minutes) from a slow
 * server, in the run's own figures.
 */
export function hostSpeed(ms = 200): number {
  const slices: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    let loops = 0;
    let x = probeSink;
    while (performance.now() - t0 < 25) {
      for (let i = 0; i < 1000; i++) x = (x * 31 + i) | 0;
      loops++;
    }
    probeSink = x;
    slices.push(loops / 25); // loops of 1,000 per ms: millions per second
  }
  slices.sort((a, b) => a - b);
  return slices[slices.length >> 1];
}
