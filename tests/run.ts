/**
 * `deno task test`: every suite, then one summary line.
 *
 * 1. Makes sure Chromium is there for Playwright (installs Debian's
 *    `chromium` when running as root with apt-get, or says exactly what is
 *    missing), and coturn for the voice relay test.
 * 2. Builds the island bundles the pages serve.
 * 3. Runs vitest (unit, API, gateway, contract) and Playwright (browser).
 * 4. Prints `N passed, N failed, N skipped` summed over all suites and
 *    exits non-zero on any failure.
 */

const deno = Deno.execPath();
const results = "test-results";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

async function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const child = new Deno.Command(cmd, { args, env, stdout: "inherit", stderr: "inherit" }).spawn();
  return (await child.status).code;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    return null;
  }
}

/** The Chromium binary Playwright drives, installing it when we can. */
async function ensureChromium(): Promise<string | null> {
  const wanted = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
  if (await exists(wanted)) return wanted;
  const root = Deno.uid?.() === 0;
  if (root && await exists("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing Debian's chromium package with apt-get…");
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    await run("apt-get", ["update", "-qq"], env);
    await run("apt-get", ["install", "-y", "-qq", "chromium"], env);
    if (await exists(wanted)) return wanted;
  }
  console.error(
    `Missing: Chromium at ${wanted}. Install it (Debian/Ubuntu: \`sudo apt-get install chromium\`) ` +
      "or set CHROMIUM_PATH to a Chromium binary. The browser suite cannot run without it.",
  );
  return null;
}

/**
 * Debian's coturn for the voice relay test: installed when we can (root with
 * apt-get); without it that one test reports itself skipped with the reason.
 */
async function ensureCoturn(): Promise<void> {
  if (await exists("/usr/bin/turnserver")) return;
  if (Deno.uid?.() === 0 && await exists("/usr/bin/apt-get")) {
    console.log("coturn is missing: installing Debian's coturn package with apt-get…");
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    await run("apt-get", ["update", "-qq"], env);
    await run("apt-get", ["install", "-y", "-qq", "coturn"], env);
  }
  if (!await exists("/usr/bin/turnserver")) {
    console.error(
      "Missing: coturn (`apt-get install coturn`); the TURN relay test will be skipped.",
    );
  }
}

async function vitest(): Promise<Counts> {
  const out = `${results}/vitest.json`;
  await Deno.remove(out).catch(() => {});
  const code = await run(deno, [
    "run",
    "-A",
    "npm:vitest@^5.1.1",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
  ]);
  const report = await readJson(out);
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const counts = {
    passed: Number(report.numPassedTests),
    failed: Number(report.numFailedTests),
    skipped: Number(report.numPendingTests) + Number(report.numTodoTests ?? 0),
  };
  // A suite that failed to load has no failed tests but a failed run.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

async function playwright(chromium: string | null): Promise<Counts> {
  if (!chromium) return { passed: 0, failed: 1, skipped: 0 };
  const out = `${results}/e2e.json`;
  await Deno.remove(out).catch(() => {});
  const code = await run(deno, ["run", "-A", "npm:@playwright/test@^1.65.1", "test"], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const report = await readJson(out);
  const stats = report?.stats as Record<string, number> | undefined;
  if (!stats) return { passed: 0, failed: 1, skipped: 0 };
  const counts = {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected,
    skipped: stats.skipped,
  };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

async function main(): Promise<number> {
  await Deno.mkdir(results, { recursive: true });
  const chromium = await ensureChromium();
  await ensureCoturn();
  const build = await run(deno, ["task", "build"]);
  const suites: [string, Counts][] = [];
  if (build !== 0) suites.push(["build", { passed: 0, failed: 1, skipped: 0 }]);
  suites.push(["vitest", await vitest()]);
  suites.push(["playwright", await playwright(chromium)]);
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  console.log("");
  for (const [name, c] of suites) {
    console.log(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed > 0 ? 1 : 0;
}

Deno.exit(await main());
