/**
 * Voice through LiveKit, end to end: runs only when `LIVEKIT_URL`,
 * `LIVEKIT_API_KEY` and `LIVEKIT_API_SECRET` name a reachable LiveKit
 * server; otherwise it is reported as skipped with the reason. It starts an
 * app server of its own in LiveKit mode (the suite's server stays in mesh
 * mode), and checks that two people hear each other through the SFU and
 * that muting stops one's audio reaching the other.
 */
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { type Helper, startAppServer } from "./voice_server.ts";
import {
  caller,
  closeCallers,
  expectAudio,
  expectSilence,
  fakeMediaLaunch,
  leaveButton,
  openVoice,
  sharedServer,
} from "./voice_support.ts";

const NEEDED = ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"];
const missing = NEEDED.filter((name) => !process.env[name]);
const REASON = `LiveKit end-to-end test skipped: set ${missing.join(", ")} to run it`;

test.use({ launchOptions: fakeMediaLaunch });
test.describe.configure({ mode: "serial", timeout: 120_000 });

let app: Helper | null = null;
let baseURL = "";

// deno-lint-ignore no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
  if (missing.length > 0) {
    console.warn(`\n*** ${REASON} ***\n`);
    return;
  }
  const root = resolve(testInfo.project.testDir, "../..");
  const env = Object.fromEntries(NEEDED.map((name) => [name, process.env[name]!]));
  ({ baseURL, server: app } = await startAppServer(root, env));
});

test.afterAll(() => app?.stop());
test.afterEach(closeCallers);

test("two people hear each other through LiveKit, and muting stops one's audio", async ({ browser }) => {
  test.skip(missing.length > 0, REASON);
  const alice = await caller(browser, "Alice", baseURL);
  const bob = await caller(browser, "Bob", baseURL);
  const { guildId, voiceId } = await sharedServer(alice, [bob]);
  for (const c of [alice, bob]) {
    await openVoice(c, guildId, voiceId);
    await c.page.getByRole("navigation", { name: "Channels" })
      .getByRole("button", { name: "Join voice" }).click();
    await expect(leaveButton(c.page)).toBeVisible();
    await expect(c.page.getByRole("status").filter({ hasText: "Voice connected" })).toBeVisible({
      timeout: 30_000,
    });
  }
  await expectAudio(alice, bob);
  await expectAudio(bob, alice);

  await bob.page.getByRole("button", { name: "Mute", exact: true }).click();
  await expectSilence(alice, bob);
  await expectAudio(bob, alice);
});
