/**
 * Installing the app: the web manifest, its icons, the service worker and
 * Chromium's own installability verdict; the precached shell offline; and
 * the `New version available` → `Reload` update flow.
 */
import { chromium, expect, type Page, test } from "@playwright/test";

/** Waits until the service worker is active and controls `page` (precache complete). */
async function waitForServiceWorker(page: Page): Promise<string> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? ""))
    .toMatch(/\/sw\.js$/);
  return await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
}

/** Fails the test on any Content-Security-Policy violation the page reports. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

test("the web manifest names the app, starts at /app standalone and lists icons that load at their sizes", async ({ page, request }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBeTruthy();
  const response = await request.get(href!);
  expect(response.ok()).toBe(true);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    id: "/app",
    name: "Chat",
    short_name: "Chat",
    start_url: "/app",
    scope: "/",
    display: "standalone",
  });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute("content", /^#/);

  const icons = manifest.icons as ManifestIcon[];
  const purposes = icons.map((icon) => `${icon.sizes} ${icon.purpose ?? "any"}`).sort();
  expect(purposes).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of icons) {
    const size = await page.evaluate((src) =>
      new Promise<string>((resolve, reject) => {
        const image = new Image();
        image.onload = () => resolve(`${image.naturalWidth}x${image.naturalHeight}`);
        image.onerror = () => reject(new Error(`icon ${src} did not load`));
        image.src = src;
      }), icon.src);
    expect(size, icon.src).toBe(icon.sizes);
    expect(icon.type).toBe("image/png");
  }
});

test("the service worker is served from the root, revalidated, and controls the page at scope /", async ({ page, request, baseURL }) => {
  const csp = watchCsp(page);
  const script = await request.get("/sw.js");
  expect(script.ok()).toBe(true);
  expect(script.headers()["content-type"]).toMatch(/javascript/);
  expect(script.headers()["cache-control"]).toBe("no-cache");

  await page.goto("/login");
  expect(await waitForServiceWorker(page)).toBe(`${baseURL}/`);
  await page.goto("/register");
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
    /sw\.js$/,
  );
  expect(csp).toEqual([]);
});

test("Chromium reports no installability errors for the app", async ({ baseURL }) => {
  // Test contexts are incognito, which alone makes Chromium refuse installing: use a real profile.
  const { launchOptions } = test.info().project.use;
  const profile = await Deno.makeTempDir({ prefix: "chat-install-" });
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto("/login");
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const { url, errors } = await cdp.send("Page.getAppManifest");
    expect(url).toMatch(/\/static\/manifest\.webmanifest$/);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
});

test("with the network off, reloading /login and opening /app still render the precached pages", async ({ page, context }) => {
  await page.goto("/login");
  await waitForServiceWorker(page);
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
    const response = await page.goto("/app");
    expect(response?.status()).toBe(200);
    expect(await page.locator("[data-island]").count()).toBeGreaterThan(0);
  } finally {
    await context.setOffline(false);
  }
});

/**
 * A pass-through proxy to the test server whose `/sw.js` gains a trailing
 * comment once {@link deploy} is called: the next update check then finds
 * new worker bytes, as after a real deploy. (Browsers fetch worker scripts
 * outside the reach of request interception.)
 */
function deployingProxy(upstream: string) {
  let version = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const headers = new Headers(req.headers);
    headers.set("accept-encoding", "identity");
    const response = await fetch(upstream + url.pathname + url.search, {
      method: req.method,
      headers,
      body: req.body,
      redirect: "manual",
    });
    const out = new Headers(response.headers);
    out.delete("content-encoding");
    out.delete("content-length");
    if (url.pathname !== "/sw.js" || version === 0) {
      return new Response(response.body, { status: response.status, headers: out });
    }
    return new Response(`${await response.text()}\n// version ${version}\n`, { headers: out });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    deploy() {
      version++;
    },
    close: () => server.shutdown(),
  };
}

test("a new version of the service worker offers a reload that switches to it", async ({ page, baseURL }) => {
  const csp = watchCsp(page);
  const proxy = deployingProxy(baseURL!);
  try {
    await page.goto(`${proxy.url}/login`);
    await waitForServiceWorker(page);
    proxy.deploy();
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());

    const prompt = page.getByRole("status").filter({ hasText: "New version available" });
    await expect(prompt).toBeVisible();
    const reloaded = page.waitForEvent("load");
    await prompt.getByRole("button", { name: "Reload" }).click();
    await reloaded;
    await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
    await expect(page.getByText("New version available")).toHaveCount(0);
    await expect.poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration?.waiting === null && !!navigator.serviceWorker.controller;
      })
    ).toBe(true);
    expect(csp).toEqual([]);
  } finally {
    await proxy.close();
  }
});
