/**
 * The fan-out benchmark (`deno task bench`, `deno task bench -- --quick`):
 * N clients in one channel, a sender at a fixed rate, against three
 * servers under the same load from this one load-generator process (its
 * clients spread over worker threads, client_pool.ts) — the
 * bare Deno WebSocket broadcast server, Socket.IO on Node, and ours.
 * The fixed-rate and saturation phases run in rounds that take the
 * targets in turn (scenario.ts). Prints a table per scenario and the target checks, and
 * writes test-results/bench.json.
 *
 * Options: --quick (100 and 1,000 clients, short phases),
 * --clients=100,1000 and --targets=bare,sized,socketio,ours to narrow a
 * run (sized: the bare server sending frames the size of ours),
 * --client-threads=N to spread the clients over N threads (default 2),
 * --rounds=N for N saturation rounds per target (4, or 2 with --quick),
 * --fixed-rounds=N for N fixed-rate rounds per target (3, or 2 with --quick);
 * the PWA phase (tests/bench/pwa.ts) follows: --no-pwa skips it,
 * --pwa-only runs nothing else, --no-scroll leaves out its scroll part.
 */
import { checkLines, checks, type ScenarioResult, scenarioTable } from "./report.ts";
import { prepareOurs } from "./prepare.ts";
import { FD_MARGIN, openFileLimit, runScenario, type Scenario } from "./scenario.ts";
import {
  bareTarget,
  ensureSocketIoInstalled,
  type OursSetup,
  oursTarget,
  ROOT,
  socketIoTarget,
  type Target,
} from "./targets.ts";

const FULL: Scenario[] = [100, 1000, 5000].map((clients) => ({
  clients,
  rate: clients === 5000 ? 10 : 50,
  seconds: 10,
  fixedRounds: 3,
  saturationSeconds: 4,
  rounds: 4,
  connectLimitSeconds: 60,
}));
/** The quick run's phases, for any number of clients. */
const quickly = (s: Scenario): Scenario => ({
  ...s,
  seconds: 4,
  fixedRounds: 2,
  saturationSeconds: 3,
  rounds: 2,
  connectLimitSeconds: 30,
});
const QUICK: Scenario[] = FULL.filter((s) => s.clients <= 1000).map(quickly);
/** Every target keeps its clients connected until the saturation rounds are over. */
const FD_NEEDED = 4 * 5000 + FD_MARGIN;

/**
 * Re-runs this process with `ulimit -n` raised when the soft limit is too
 * low for every target's clients at once: to 65,536 where allowed (root
 * may raise the hard limit too), else to the hard limit.
 */
async function ensureFdLimit(): Promise<boolean> {
  if (Deno.env.get("BENCH_ULIMIT_RAISED") === "1") return false;
  const soft = openFileLimit();
  if (soft >= FD_NEEDED) return false;
  const self = new URL(import.meta.url).pathname;
  const child = new Deno.Command("bash", {
    args: [
      "-c",
      `ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`,
      "bash",
      Deno.execPath(),
      "run",
      "-A",
      "--v8-flags=--expose-gc",
      self,
      ...Deno.args,
    ],
    env: { BENCH_ULIMIT_RAISED: "1" },
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  Deno.exit((await child.status).code);
}

function parseArgs(args: string[]) {
  const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const quick = args.includes("--quick");
  let scenarios = quick ? QUICK : FULL;
  const clients = opt("clients")?.split(",").map(Number);
  if (clients) {
    scenarios = FULL.filter((s) => clients.includes(s.clients)).map((s) => quick ? quickly(s) : s);
  }
  const targets = opt("targets")?.split(",") ?? ["bare", "sized", "socketio", "ours"];
  const threads = opt("client-threads");
  if (threads !== undefined) {
    const clientThreads = Number(threads);
    if (!Number.isInteger(clientThreads) || clientThreads < 1) {
      throw new Error(`--client-threads must be a whole number of at least 1, not "${threads}"`);
    }
    scenarios = scenarios.map((s) => ({ ...s, clientThreads }));
  }
  for (const [name, key] of [["rounds", "rounds"], ["fixed-rounds", "fixedRounds"]] as const) {
    const value = opt(name);
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`--${name} must be a whole number of at least 1, not "${value}"`);
    }
    scenarios = scenarios.map((s) => ({ ...s, [key]: n }));
  }
  return { quick, scenarios, targets };
}

/** Whether our server has what the benchmark drives: the gateway and the message routes. */
async function oursPresent(): Promise<string | null> {
  for (const file of ["routes/gateway.ts", "routes/api/messages.ts", "server/store/kv/guilds.ts"]) {
    try {
      await Deno.stat(`${ROOT}${file}`);
    } catch {
      return `${file} does not exist yet`;
    }
  }
  return null;
}

/** The 1-minute load average: other busy processes make every figure noisy. */
async function loadAverage(): Promise<number> {
  return Number((await Deno.readTextFile("/proc/loadavg")).split(" ")[0]);
}

async function main(): Promise<void> {
  if (Deno.args.includes("--pwa-only")) {
    await (await import("./pwa.ts")).pwaPhase(Deno.args);
    return;
  }
  await ensureFdLimit();
  if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
    console.log(
      "note: run without --v8-flags=--expose-gc (use `deno task bench`): the client threads cannot collect their garbage before each round",
    );
  }
  const loadBefore = await loadAverage();
  if (loadBefore > 0.5) {
    console.log(
      `note: load average is ${loadBefore} before the run: other processes share the cores, so the figures will be noisy`,
    );
  }
  const { quick, scenarios, targets: wanted } = parseArgs(Deno.args);
  const started = performance.now();
  const workDir = await Deno.makeTempDir({ prefix: "fanout-bench-" });
  const logDir = `${ROOT}test-results/bench-logs`;
  await Deno.mkdir(logDir, { recursive: true });
  for (const f of ["bare.log", "sized.log", "socketio.log", "ours.log"]) {
    await Deno.remove(`${logDir}/${f}`).catch(() => {});
  }
  console.log(
    `fan-out benchmark (${quick ? "quick" : "full"}): ${
      scenarios.map((s) => s.clients).join(", ")
    } clients; logs in ${logDir}`,
  );

  const targets: Target[] = [];
  if (wanted.includes("bare")) targets.push(bareTarget(logDir));
  if (wanted.includes("sized")) targets.push(bareTarget(logDir, true));
  if (wanted.includes("socketio")) {
    await ensureSocketIoInstalled();
    targets.push(socketIoTarget(logDir));
  }
  let oursError: string | null = null;
  let setup: OursSetup | null = null;
  if (wanted.includes("ours")) {
    oursError = await oursPresent();
    if (!oursError) {
      try {
        console.log("preparing our server:");
        setup = await prepareOurs(Math.max(...scenarios.map((s) => s.clients)), workDir, logDir);
      } catch (e) {
        oursError = e instanceof Error ? e.message : String(e);
      }
    }
    if (setup) {
      const ready = setup;
      targets.push(oursTarget(logDir, () => Promise.resolve(ready)));
    } else console.log(`  ours is not measured: ${oursError}`);
  }

  const results: ScenarioResult[] = [];
  try {
    for (const sc of scenarios) {
      console.log(`\n${sc.clients} clients, ${sc.rate} msg/s:`);
      const s: ScenarioResult = { clients: sc.clients, rate: sc.rate, results: {} };
      if (oursError && wanted.includes("ours")) s.results.ours = { error: oursError };
      Object.assign(s.results, await runScenario(targets, sc));
      results.push(s);
    }
  } finally {
    await Deno.remove(workDir, { recursive: true }).catch(() => {});
  }

  const list = checks(results);
  console.log("");
  for (const s of results) console.log(scenarioTable(s) + "\n");
  console.log(checkLines(list));
  const seconds = (performance.now() - started) / 1000;
  const out = `${ROOT}test-results/bench.json`;
  await Deno.writeTextFile(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        mode: quick ? "quick" : "full",
        seconds,
        machine: {
          cpus: navigator.hardwareConcurrency,
          os: Deno.build.os,
          deno: Deno.version.deno,
        },
        scenarios: results,
        checks: list,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`\nwrote ${out} (${seconds.toFixed(0)} s)`);
  await (await import("./pwa.ts")).pwaPhase(Deno.args); // PWA budgets; --no-pwa skips
}

if (import.meta.main) await main();
