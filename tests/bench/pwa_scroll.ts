/**
 * Scrolling a 10,000-message channel in Chromium: the channel opens at its
 * newest message (time to first render: navigation start to the frame with
 * the first article), is scrolled to the very top through infinite loading
 * (page after page of older history) and back to the bottom, one fixed step
 * per animation frame (300 px: 18,000 px/s, a fast fling). Reports frame durations, long animation frames, the
 * message articles in the DOM (virtualisation keeps them bounded) and the
 * JS heap (CDP `Performance.getMetrics` after a forced GC). The baseline is
 * the same scroll over a static page with every message pre-rendered.
 */
import { type Browser, chromium, type Page } from "@playwright/test";
import type { LongChannel } from "./pwa_scroll_seed.ts";
import { baselineScrollHtml, type DriveTrace, scrollThrough } from "./pwa_scroll_page.ts";
import { firstArticleProbe } from "./pwa_render.ts";

/** Frame durations summarised, in ms. */
export interface FrameStats {
  count: number;
  p50: number;
  p95: number;
  max: number;
  over50: number;
  over200: number;
}

/** One page's run: first render, the two scrolls, DOM and heap. */
export interface ScrollRun {
  firstRenderMs: number;
  upMs: number;
  downMs: number;
  /** Frames spent at the top waiting for an older page (app only). */
  waitFrames: number;
  /** Both scrolls; then each alone (up loads older pages, down only re-renders). */
  frames: FrameStats;
  upFrames: FrameStats;
  downFrames: FrameStats;
  longFrames: { count: number; maxMs: number };
  maxArticles: number;
  endArticles: number;
  domNodes: number;
  heapBytes: { opened: number; scrolled: number };
}

/** The app against the static floor. */
export interface ScrollResult {
  messages: number;
  seedSeconds: number;
  /** Pixels scrolled per frame. */
  step: number;
  /** 1-minute load average before and after: other busy processes make frames late. */
  loadAverage: [number, number];
  app: ScrollRun;
  baseline: ScrollRun;
}

const LOG = '[role="log"]';
const START = ".log-top h2";
const TIMEOUT_MS = 240_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function frameStats(frames: number[]): FrameStats {
  const sorted = [...frames].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1] ?? 0),
    over50: sorted.filter((ms) => ms > 50).length,
    over200: sorted.filter((ms) => ms > 200).length,
  };
}

/** JS heap in use and DOM node count, after a forced garbage collection. */
async function heapAndNodes(page: Page): Promise<{ heap: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("Performance.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { heap: get("JSHeapUsedSize"), nodes: get("Nodes") };
  } finally {
    await cdp.detach();
  }
}

async function firstRender(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    () => (globalThis as unknown as { __firstArticle: number | null }).__firstArticle,
    null,
    { timeout: 30_000 },
  );
  return Math.round((await handle.jsonValue() as number) * 10) / 10;
}

/** Opens `url`, scrolls to the top and back, and collects everything {@link ScrollRun} holds. */
async function runPage(page: Page, url: string, step: number): Promise<ScrollRun> {
  await page.addInitScript(firstArticleProbe);
  const firstRenderMs = await firstRender(page, url);
  await page.locator(LOG).first().waitFor();
  await page.waitForTimeout(500); // the newest page settles (network answer, measurements)
  // The static page opens at its top: both start at the newest message.
  await page.locator(LOG).first().evaluate((log) => (log.scrollTop = log.scrollHeight));
  await page.waitForTimeout(100);
  const opened = await heapAndNodes(page);
  const drive = (direction: "up" | "down") =>
    page.evaluate(scrollThrough, {
      log: LOG,
      start: START,
      direction,
      step,
      timeoutMs: TIMEOUT_MS,
    });
  const up: DriveTrace = await drive("up");
  if (!up.reached) throw new Error(`the top was not reached within ${TIMEOUT_MS / 1000} s`);
  const down: DriveTrace = await drive("down");
  if (!down.reached) throw new Error(`the bottom was not reached within ${TIMEOUT_MS / 1000} s`);
  const scrolled = await heapAndNodes(page);
  const longFrames = [...up.longFrames, ...down.longFrames];
  return {
    firstRenderMs,
    upMs: Math.round(up.ms),
    downMs: Math.round(down.ms),
    waitFrames: up.waitFrames,
    frames: frameStats([...up.frames, ...down.frames]),
    upFrames: frameStats(up.frames),
    downFrames: frameStats(down.frames),
    longFrames: { count: longFrames.length, maxMs: Math.round(Math.max(0, ...longFrames)) },
    maxArticles: Math.max(up.maxArticles, down.maxArticles),
    endArticles: down.endArticles,
    domNodes: scrolled.nodes,
    heapBytes: { opened: opened.heap, scrolled: scrolled.heap },
  };
}

async function measureApp(browser: Browser, origin: string, channel: LongChannel, step: number) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const login = await context.request.post(`${origin}/api/v1/auth/login`, {
      data: { login: channel.login, password: channel.password },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
    return await runPage(await context.newPage(), origin + channel.channelPath, step);
  } finally {
    await context.close();
  }
}

async function measureBaseline(browser: Browser, messages: number, step: number) {
  const html = baselineScrollHtml(messages);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }),
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const url = `http://127.0.0.1:${server.addr.port}/`;
    return await runPage(page, url, step);
  } finally {
    await context.close();
    await server.shutdown();
  }
}

/** Measures the app's scroll over the seeded channel and the static floor, in one browser. */
export async function measureScroll(
  origin: string,
  channel: LongChannel,
  step = 300,
): Promise<ScrollResult> {
  const loadBefore = Deno.loadavg()[0];
  const browser = await chromium.launch({
    executablePath: Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const app = await measureApp(browser, origin, channel, step);
    const baseline = await measureBaseline(browser, channel.messages, step);
    return {
      messages: channel.messages,
      seedSeconds: channel.seconds,
      step,
      loadAverage: [loadBefore, Deno.loadavg()[0]],
      app,
      baseline,
    };
  } finally {
    await browser.close();
  }
}
