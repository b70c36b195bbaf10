/**
 * The PWA budgets (a phase of `deno task bench`; alone: `deno run -A
 * tests/bench/pwa.ts`): (a) the app shell's initial JavaScript, gzipped,
 * against 60 KB; (b) the first render of a cached 200-message channel with
 * the network off, median of several reloads, against 500 ms, next to the
 * floor of a static page with as many articles; (c) scrolling a
 * 10,000-message channel through infinite loading, against the same scroll
 * over a static page with every message pre-rendered (see pwa_scroll.ts).
 * Builds the assets, starts our server on a free port with an in-memory
 * store, and writes `test-results/bench-pwa.json`. `--no-pwa` skips the
 * phase, `--no-scroll` the scroll part.
 */
import { measureOfflineRender, type RenderResult } from "./pwa_render.ts";
import { scrollCheck, scrollLines } from "./pwa_scroll_report.ts";
import { measureScroll, type ScrollResult } from "./pwa_scroll.ts";
import { seedLongChannel } from "./pwa_scroll_seed.ts";
import { type InitialJs, measureInitialJs } from "./pwa_size.ts";
import { freePort, spawnServer, waitForHttp } from "./processes.ts";
import type { Check } from "./report.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const JS_BUDGET_BYTES = 60 * 1024;
const RENDER_BUDGET_MS = 500;
const MESSAGES = 200;
const SCROLL_MESSAGES = 10_000;
const PASSWORD = "correct horse battery";

/** Everything the phase measured. */
export interface PwaResult {
  initialJs: InitialJs;
  render: RenderResult | { error: string };
  scroll: ScrollResult | { error: string } | null;
  checks: Check[];
}

async function run(args: string[]): Promise<void> {
  const { success, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!success) {
    throw new Error(`deno ${args.join(" ")} failed:\n${new TextDecoder().decode(stderr)}`);
  }
}

async function api<T>(origin: string, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${origin}/api/v1${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return await res.json() as T;
}

/** A user with one guild whose `general` channel holds {@link MESSAGES} messages. */
async function seedChannel(origin: string) {
  const username = `pwa${Date.now().toString(36)}`;
  const { accessToken } = await api<{ accessToken: string }>(origin, "/auth/register", {
    username,
    email: `${username}@example.org`,
    password: PASSWORD,
  });
  const guild = await api<{ id: string; channels: { id: string; name: string }[] }>(
    origin,
    "/guilds",
    { name: "Bench" },
    accessToken,
  );
  const channel = guild.channels.find((c) => c.name === "general")!;
  const text = (i: number) => `bench message ${String(i).padStart(3, "0")} of the cached history`;
  for (let i = 1; i <= MESSAGES; i++) {
    await api(origin, `/channels/${channel.id}/messages`, {
      content: text(i),
      nonce: `bench-${i}-${crypto.randomUUID()}`,
    }, accessToken);
  }
  return {
    login: username,
    channelPath: `/app#/channels/${guild.id}/${channel.id}`,
    oldest: text(1),
    newest: text(MESSAGES),
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function checksOf(
  initialJs: InitialJs,
  render: PwaResult["render"],
  scroll: PwaResult["scroll"],
): Check[] {
  const checks = renderChecks(initialJs, render);
  if (scroll) checks.push(scrollCheck(scroll));
  return checks;
}

function renderChecks(initialJs: InitialJs, render: PwaResult["render"]): Check[] {
  const js: Check = {
    target: "app shell initial JS ≤ 60 KB gzip",
    verdict: initialJs.gzip <= JS_BUDGET_BYTES ? "PASS" : "MISS",
    detail: `${kb(initialJs.gzip)} gzip (${
      kb(initialJs.raw)
    } raw, ${initialJs.files.length} files)`,
  };
  if ("error" in render) {
    return [js, { target: "offline first render < 500 ms", verdict: "n/a", detail: render.error }];
  }
  const { offline, baseline, messagesCached } = render;
  return [js, {
    target: "offline first render < 500 ms",
    verdict: offline.median < RENDER_BUDGET_MS ? "PASS" : "MISS",
    detail: `median ${offline.median} ms over ${offline.runs.length} reloads ` +
      `(${messagesCached} messages cached); static-page floor ${baseline.median} ms, ` +
      `ratio ${(offline.median / baseline.median).toFixed(1)}×`,
  }];
}

function printResult(result: PwaResult): void {
  console.log("\n== PWA: app shell initial JS (/app, gzip via CompressionStream) ==");
  for (const f of result.initialJs.files) {
    console.log(`  ${f.url.padEnd(48)}${kb(f.raw).padStart(10)}${kb(f.gzip).padStart(10)}`);
  }
  console.log(
    `  ${"total".padEnd(48)}${kb(result.initialJs.raw).padStart(10)}` +
      `${kb(result.initialJs.gzip).padStart(10)}`,
  );
  if (!("error" in result.render)) {
    const { offline, baseline } = result.render;
    console.log("\n== PWA: first render of a cached channel (ms from navigation start) ==");
    console.log(
      `  offline app (${MESSAGES} msgs): median ${offline.median}, min ${offline.min}, ` +
        `max ${offline.max}  [${offline.runs.join(", ")}]`,
    );
    console.log(
      `  static page floor:        median ${baseline.median}, min ${baseline.min}, ` +
        `max ${baseline.max}  [${baseline.runs.join(", ")}]`,
    );
  }
  if (result.scroll && !("error" in result.scroll)) {
    console.log(scrollLines(result.scroll).join("\n"));
  }
  console.log(
    [
      "== PWA targets ==",
      ...result.checks.map((c) => `  ${c.verdict.padEnd(4)}  ${c.target}  ${c.detail}`),
    ].join("\n"),
  );
}

/** Seeds the 10,000-message channel and measures its scroll; a failure becomes the result. */
async function scrollPart(origin: string): Promise<PwaResult["scroll"]> {
  try {
    console.log(`seeding ${SCROLL_MESSAGES} messages for the scroll benchmark…`);
    const channel = await seedLongChannel(origin, SCROLL_MESSAGES);
    console.log(`  seeded in ${channel.seconds.toFixed(1)} s; scrolling (about 3 minutes)…`);
    return await measureScroll(origin, channel);
  } catch (e) {
    return { error: e instanceof Error ? e.message.split("\n")[0] : String(e) };
  }
}

/** Runs the PWA phase: build, serve, measure, print, and write the JSON report. */
export async function pwaPhase(args: string[] = Deno.args): Promise<PwaResult | null> {
  if (args.includes("--no-pwa")) return null;
  const runs = args.includes("--quick") ? 5 : 9;
  console.log(`\nPWA budgets: building the assets and starting our server…`);
  await run(["run", "-A", "server/build.ts"]);
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logDir = `${ROOT}test-results/bench-logs`;
  await Deno.mkdir(logDir, { recursive: true });
  const server = await spawnServer(
    Deno.execPath(),
    ["run", "-A", "server/main.ts"],
    {
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      DATA_DIR: ":memory:",
      RATE_LIMIT_SCALE: "1000",
      PASSWORD_ITERATIONS: "100000",
      LOG_LEVEL: "warn",
    },
    port,
    `${logDir}/pwa.log`,
    ROOT,
  );
  try {
    await waitForHttp(`${origin}/login`, server.pid);
    const initialJs = await measureInitialJs(origin, "/app");
    let render: PwaResult["render"];
    try {
      const seeded = await seedChannel(origin);
      render = await measureOfflineRender({
        origin,
        password: PASSWORD,
        messages: MESSAGES,
        runs,
        ...seeded,
      });
    } catch (e) {
      render = { error: e instanceof Error ? e.message.split("\n")[0] : String(e) };
    }
    const scroll = args.includes("--no-scroll") ? null : await scrollPart(origin);
    const result: PwaResult = {
      initialJs,
      render,
      scroll,
      checks: checksOf(initialJs, render, scroll),
    };
    printResult(result);
    const out = `${ROOT}test-results/bench-pwa.json`;
    await Deno.writeTextFile(
      out,
      JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2) + "\n",
    );
    console.log(`wrote ${out}`);
    return result;
  } finally {
    await server.stop();
  }
}

if (import.meta.main) await pwaPhase();
