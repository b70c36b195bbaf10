/**
 * First render of a cached channel offline, in Chromium: the channel's
 * history is loaded once online (scrolled back until every message is
 * cached), the network goes off, and each reload is timed from navigation
 * start to the frame in which the first message article exists — read in
 * the page (`performance.now()`, whose origin is the navigation start).
 * The baseline is the physical floor: a static page with the same number
 * of articles, served over HTTP from this process.
 */
import { type Browser, chromium, type Page } from "@playwright/test";

/** Timings of several runs, in ms. */
export interface RenderStats {
  runs: number[];
  median: number;
  min: number;
  max: number;
}

/** What {@link measureOfflineRender} needs: a running server and a channel to open. */
export interface RenderSetup {
  origin: string;
  login: string;
  password: string;
  /** `/app#/channels/<guild>/<channel>` */
  channelPath: string;
  /** Text of the oldest and newest message, to know when they are shown. */
  oldest: string;
  newest: string;
  messages: number;
  runs: number;
}

/** The result: offline first render against the static-page floor. */
export interface RenderResult {
  messagesCached: number;
  offline: RenderStats;
  baseline: RenderStats;
}

/** Records in `window.__firstArticle` the frame time at which the first message article exists. */
export function firstArticleProbe() {
  const w = globalThis as unknown as { __firstArticle: number | null };
  w.__firstArticle = null;
  let found = false;
  const check = () => {
    if (found || !document.querySelector('[role="log"] article')) return;
    found = true;
    observer.disconnect();
    requestAnimationFrame(() => (w.__firstArticle = performance.now()));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

function stats(runs: number[]): RenderStats {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Reloads `page` `runs` times (after one warm-up) and returns each first-article time. */
async function timeReloads(page: Page, runs: number): Promise<RenderStats> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    await page.reload({ waitUntil: "commit" });
    const handle = await page.waitForFunction(
      () => (globalThis as unknown as { __firstArticle: number | null }).__firstArticle,
      null,
      { timeout: 15_000 },
    );
    const at = await handle.jsonValue() as number;
    if (i > 0) times.push(Math.round(at * 10) / 10);
  }
  return stats(times);
}

/** How many messages the app's IndexedDB holds. */
function cachedMessages(page: Page): Promise<number> {
  return page.evaluate(() =>
    new Promise<number>((resolve) => {
      const open = indexedDB.open("chat");
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("messages")) return resolve(0), db.close();
        const count = db.transaction("messages").objectStore("messages").count();
        count.onsuccess = () => (resolve(count.result), db.close());
        count.onerror = () => (resolve(0), db.close());
      };
      open.onerror = () => resolve(0);
    })
  );
}

/** Opens the channel online and scrolls back until its oldest message has been loaded. */
async function cacheChannel(page: Page, setup: RenderSetup): Promise<number> {
  await page.goto(setup.origin + setup.channelPath);
  await page.getByRole("article").filter({ hasText: setup.newest }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  const oldest = page.getByRole("article").filter({ hasText: setup.oldest });
  for (let i = 0; i < 40 && !(await oldest.count()); i++) {
    await page.locator('[role="log"]').evaluate((log) => (log.scrollTop = 0));
    await page.waitForTimeout(150);
  }
  let count = 0;
  for (let i = 0; i < 20; i++) {
    count = await cachedMessages(page);
    if (count >= setup.messages) break;
    await page.waitForTimeout(100);
  }
  return count;
}

/** A static page with `n` message articles: the floor a network render cannot beat. */
function baselineHtml(n: number): string {
  const articles = Array.from(
    { length: n },
    (_, i) => `<article><b>bench</b> <time>12:00</time><p>bench message ${i + 1}</p></article>`,
  ).join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title>` +
    `</head><body><main><div role="log" aria-label="Messages">${articles}</div></main></body></html>`;
}

async function measureBaseline(browser: Browser, n: number, runs: number): Promise<RenderStats> {
  const html = baselineHtml(n);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }),
  );
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(firstArticleProbe);
    await page.goto(`http://127.0.0.1:${server.addr.port}/`);
    return await timeReloads(page, runs);
  } finally {
    await context.close();
    await server.shutdown();
  }
}

/** Measures the offline first render of the cached channel and the static baseline. */
export async function measureOfflineRender(setup: RenderSetup): Promise<RenderResult> {
  const browser = await chromium.launch({
    executablePath: Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const login = await context.request.post(`${setup.origin}/api/v1/auth/login`, {
      data: { login: setup.login, password: setup.password },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
    const page = await context.newPage();
    await page.addInitScript(firstArticleProbe);
    const messagesCached = await cacheChannel(page, setup);
    await context.setOffline(true);
    const offline = await timeReloads(page, setup.runs);
    await context.close();
    const baseline = await measureBaseline(browser, setup.messages, setup.runs);
    return { messagesCached, offline, baseline };
  } finally {
    await browser.close();
  }
}
