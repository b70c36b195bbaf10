/**
 * Helpers of the voice browser tests: fake media devices, people set up
 * through the API (fast) and then driven through the UI, and the engine's
 * transport counters read through the `?voiceDebug` test hook.
 */
import {
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
} from "@playwright/test";

/** Chromium with a fake microphone (a beeping tone) and no permission prompt. */
export const fakeMediaLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
  ],
};

/** One person in their own browser context. */
export interface Caller {
  page: Page;
  id: string;
  name: string;
  token: string;
}

/** Transport counters of one peer link, as `islands/voice/engine.ts` reports them. */
export interface PeerStats {
  userId: string;
  connectionState: string;
  bytesReceived: number;
  bytesSent: number;
  audioLevel: number | null;
  pair: { state: string; localType: string; remoteType: string } | null;
}

const open: BrowserContext[] = [];

/** Closes every context {@link caller} opened (each holds a fake microphone and calls). */
export async function closeCallers(): Promise<void> {
  await Promise.all(open.splice(0).map((context) => context.close().catch(() => {})));
}

/** Registers `label` in a fresh context (the refresh cookie logs the page in). */
export async function caller(browser: Browser, label: string, baseURL?: string): Promise<Caller> {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `${label.toLowerCase()}${id}`;
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  open.push(context);
  const page = await context.newPage();
  const created = await page.request.post("/api/v1/auth/register", {
    data: {
      username,
      email: `${username}@example.org`,
      password: "correct horse battery",
      displayName: `${label} ${id}`,
    },
  });
  expect(created.status()).toBe(201);
  const body = await created.json() as { user: { id: string }; accessToken: string };
  return { page, id: body.user.id, name: `${label} ${id}`, token: body.accessToken };
}

/** `owner` makes a server and everyone else joins it; returns it and its voice channel. */
export async function sharedServer(
  owner: Caller,
  guests: Caller[],
): Promise<{ guildId: string; voiceId: string }> {
  const guild = await api<{ id: string; channels: { id: string; type: string }[] }>(
    owner,
    "POST",
    "/guilds",
    { name: `Voice ${Math.random().toString(36).slice(2, 7)}` },
  );
  const invite = await api<{ code: string }>(owner, "POST", `/guilds/${guild.id}/invites`, {});
  for (const guest of guests) await api(guest, "POST", `/invites/${invite.code}`);
  const voice = guild.channels.find((c) => c.type === "voice");
  if (!voice) throw new Error("a new server should come with a voice channel");
  return { guildId: guild.id, voiceId: voice.id };
}

/** Opens the voice channel's pane with the test hook on. */
export async function openVoice(c: Caller, guildId: string, voiceId: string): Promise<void> {
  await c.page.goto(`/app?voiceDebug#/channels/${guildId}/${voiceId}`);
  await expect(joinButton(c.page)).toBeVisible();
}

/** The channel list. */
export function channels(page: Page): Locator {
  return page.getByRole("navigation", { name: "Channels" });
}

/** `Join voice` under the (only) voice channel. */
export function joinButton(page: Page): Locator {
  return channels(page).getByRole("button", { name: "Join voice" });
}

/** `Leave voice` under the voice channel. */
export function leaveButton(page: Page): Locator {
  return channels(page).getByRole("button", { name: "Leave voice" });
}

/** The `Voice participants` list under the voice channel. */
export function participants(page: Page): Locator {
  return channels(page).getByRole("list", { name: "Voice participants" });
}

/** `who`'s item in `page`'s participants list. */
export function participant(page: Page, who: Caller): Locator {
  return participants(page).getByRole("listitem", { name: who.name });
}

/** Clicks `Join voice` and waits until the call is up. */
export async function join(c: Caller): Promise<void> {
  await joinButton(c.page).click();
  await expect(leaveButton(c.page)).toBeVisible();
  await expect(c.page.getByRole("status").filter({ hasText: "Voice connected" })).toBeVisible();
  await expect(participant(c.page, c)).toBeVisible();
}

/** The engine's per-peer counters (needs `?voiceDebug`). */
export function peerStats(page: Page): Promise<PeerStats[]> {
  return page.evaluate(() =>
    (globalThis as unknown as { __voiceDebug: { stats(): Promise<PeerStats[]> } }).__voiceDebug
      .stats()
  );
}

/** Audio bytes `page` has received from `from` so far (0 without a link). */
export async function bytesFrom(page: Page, from: Caller): Promise<number> {
  return (await peerStats(page)).find((s) => s.userId === from.id)?.bytesReceived ?? 0;
}

/** Waits until `listener` receives audio from `speaker`: the received byte count keeps growing. */
export async function expectAudio(listener: Caller, speaker: Caller): Promise<void> {
  await expect.poll(() => bytesFrom(listener.page, speaker), {
    message: `${listener.name} should receive audio from ${speaker.name}`,
    intervals: [250],
    timeout: 20_000,
  }).toBeGreaterThan(0);
  const before = await bytesFrom(listener.page, speaker);
  await expect.poll(() => bytesFrom(listener.page, speaker), {
    message: `${listener.name}'s bytes from ${speaker.name} should keep growing`,
    intervals: [250],
    timeout: 10_000,
  }).toBeGreaterThan(before + 2_000);
}

/** Waits until nothing more arrives at `listener` from `speaker` over a second. */
export async function expectSilence(listener: Caller, speaker: Caller): Promise<void> {
  await expect.poll(async () => {
    const before = await bytesFrom(listener.page, speaker);
    await listener.page.waitForTimeout(1_000);
    return (await bytesFrom(listener.page, speaker)) - before;
  }, {
    message: `${listener.name} should receive nothing more from ${speaker.name}`,
    timeout: 15_000,
  }).toBe(0);
}

/** An authenticated API call as `c`. */
export async function api<T = unknown>(
  c: Caller,
  method: string,
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await c.page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${c.token}` },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok()) {
    throw new Error(`${method} ${path} failed: ${response.status()} ${await response.text()}`);
  }
  return (response.status() === 204 ? undefined : await response.json()) as T;
}
