/**
 * Mesh voice through TURN: Debian's coturn (`turnserver`) on loopback with
 * `use-auth-secret`, an app server of its own started with `TURN_URL` and
 * `TURN_SECRET`, and both browsers forced to relay-only ICE through the
 * `?voiceDebug` hook. The call connects, audio flows, and the selected
 * candidate pair is a relayed one — so coturn accepted the time-limited
 * credentials the server minted. Skipped, loudly, when `turnserver` is
 * missing (`apt-get install -y coturn`).
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, type Helper, spawnHelper, startAppServer } from "./voice_server.ts";
import {
  caller,
  closeCallers,
  expectAudio,
  fakeMediaLaunch,
  join,
  openVoice,
  peerStats,
  sharedServer,
} from "./voice_support.ts";

const TURN_SECRET = "voice-e2e-turn-secret-0123456789";
const turnserver = spawnSync("sh", ["-c", "command -v turnserver"], { encoding: "utf8" })
  .stdout.trim();
const MISSING = "turnserver (Debian package coturn) is not installed: apt-get install -y coturn";

test.use({ launchOptions: fakeMediaLaunch });
test.describe.configure({ mode: "serial", timeout: 120_000 });

let turn: Helper | null = null;
let app: Helper | null = null;
let baseURL = "";

// deno-lint-ignore no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
  if (!turnserver) {
    console.warn(`\n*** SKIPPING the TURN voice test: ${MISSING} ***\n`);
    return;
  }
  const root = resolve(testInfo.project.testDir, "../..");
  const turnPort = await freePort();
  turn = spawnHelper(
    turnserver,
    [
      "-n",
      "--no-cli",
      "--allow-loopback-peers",
      "--use-auth-secret",
      `--static-auth-secret=${TURN_SECRET}`,
      "--realm=chat.test",
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${turnPort}`,
      "--no-tls",
      "--no-dtls",
      "--log-file=stdout",
    ],
    {},
    root,
  );
  ({ baseURL, server: app } = await startAppServer(root, {
    TURN_URL: `turn:127.0.0.1:${turnPort}`,
    TURN_SECRET,
  }));
});

test.afterAll(() => {
  app?.stop();
  turn?.stop();
});

test.afterEach(closeCallers);

test("a call forced through TURN connects over relayed candidates with the server's credentials", async ({ browser }) => {
  test.skip(!turnserver, MISSING);
  const alice = await caller(browser, "Alice", baseURL);
  const bob = await caller(browser, "Bob", baseURL);
  const { guildId, voiceId } = await sharedServer(alice, [bob]);
  for (const c of [alice, bob]) {
    await openVoice(c, guildId, voiceId);
    await c.page.evaluate(() => {
      const hook = (globalThis as unknown as {
        __voiceDebug: { iceTransportPolicy?: RTCIceTransportPolicy };
      }).__voiceDebug;
      hook.iceTransportPolicy = "relay";
    });
  }
  await join(alice);
  await join(bob);

  try {
    await expectAudio(alice, bob);
    await expectAudio(bob, alice);
  } catch (error) {
    console.log(`coturn said:\n${turn?.output().slice(-4000)}`);
    throw error;
  }
  for (const c of [alice, bob]) {
    const [link] = await peerStats(c.page);
    expect(link.connectionState).toBe("connected");
    expect(link.pair).toEqual(expect.objectContaining({ state: "succeeded", localType: "relay" }));
  }
});
