import { defineConfig } from "vitest/config";

/**
 * Unit tests beside the code (`*.test.ts`) and the cross-layer suites under
 * `tests/` (api, gateway, contract). Browser tests (`tests/e2e/*.spec.ts`)
 * belong to Playwright and are never picked up here.
 */
export default defineConfig({
  // Pages render Preact islands on the server: JSX goes to preact's runtime.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: [
      "server/**/*.test.ts",
      "routes/**/*.test.ts",
      "islands/**/*.test.ts",
      "sw/**/*.test.ts",
      "tests/**/*.test.ts",
    ],
    exclude: ["tests/e2e/**", "node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
