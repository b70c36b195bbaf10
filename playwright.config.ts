/**
 * Browser tests (`tests/e2e/*.spec.ts`) against a real server: built
 * assets, an in-memory store, Chromium from the system.
 *
 * Run: `npx -y deno run -A npm:@playwright/test@^1.65.1 test`
 */
import { defineConfig, devices } from "@playwright/test";

const PORT = 8765;
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The Deno running this config, so the server needs no `deno` on PATH. */
const DENO = JSON.stringify(typeof Deno === "undefined" ? "deno" : Deno.execPath());

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `${DENO} run -A server/build.ts && ${DENO} run -A server/main.ts`,
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      PUBLIC_URL: BASE_URL,
      DATA_DIR: ":memory:",
      PASSWORD_ITERATIONS: "100000",
      RATE_LIMIT_SCALE: "100",
      LOG_LEVEL: "warn",
      // The shared server runs voice in mesh mode even when the shell has LiveKit set.
      LIVEKIT_URL: "",
      LIVEKIT_API_KEY: "",
      LIVEKIT_API_SECRET: "",
    },
  },
});
