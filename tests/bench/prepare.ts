/**
 * Prepares our server for the benchmark: seeds a fresh KV database in its
 * own process (see seed.ts), then logs every client's user in through
 * POST /api/v1/auth/login on a server started for that, so the tokens the
 * clients identify with are real ones. Tokens stay valid across the
 * restarts of each scenario: the JWT secret is persisted in the store.
 */
import type { SeedResult } from "./seed.ts";
import { type OursSetup, ROOT, startOurServer } from "./targets.ts";

/** Seeds `n` users in `${workDir}/kv` and logs them all in. */
export async function prepareOurs(n: number, workDir: string, logDir: string): Promise<OursSetup> {
  const dataDir = `${workDir}/kv`;
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tests/bench/seed.ts", dataDir, String(n)],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr).trim();
  if (!out.success) throw new Error(`seeding failed: ${stderr.split("\n").slice(-6).join(" | ")}`);
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
  const seeded = JSON.parse(lines[lines.length - 1]) as SeedResult;
  console.log(
    `  seeded ${n} users and a guild in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const t1 = performance.now();
  const server = await startOurServer(dataDir, logDir);
  try {
    const tokens = await loginAll(`http://127.0.0.1:${server.port}`, seeded);
    console.log(
      `  logged ${n} users in through the API in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    );
    return { dataDir, channelId: seeded.channelId, tokens };
  } finally {
    await server.stop();
  }
}

/** Logs in every seeded user, a few at a time; fails on the first refusal. */
async function loginAll(base: string, seeded: SeedResult, parallel = 8): Promise<string[]> {
  const tokens: string[] = new Array(seeded.usernames.length);
  let next = 0;
  const worker = async () => {
    while (next < seeded.usernames.length) {
      const i = next++;
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: seeded.usernames[i], password: seeded.password }),
      });
      const body = await res.json();
      if (!res.ok || typeof body.accessToken !== "string") {
        throw new Error(`login of ${seeded.usernames[i]} failed: ${res.status} ${body.type ?? ""}`);
      }
      tokens[i] = body.accessToken;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return tokens;
}
