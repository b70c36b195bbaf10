/**
 * Offline first: with the network off, a reload opens the app from the
 * service worker's precache and the history from IndexedDB; a message
 * written offline waits as `Sending…` and is delivered exactly once when
 * the network returns — by the page, or by the service worker's Background
 * Sync when no tab is open, and then an open tab shows it as sent at once;
 * a 401 met while replaying the outbox refreshes the session and retries;
 * a stale or damaged IndexedDB is rebuilt.
 * Data is set up over REST (each browser context's `request` shares its
 * cookies, so registering there logs the browser in).
 */
import {
  type APIRequestContext,
  type BrowserContext,
  expect,
  type Page,
  test,
} from "@playwright/test";
import { type Account, call, register } from "./api_support.ts";

interface Message {
  id: string;
  content: string;
  nonce: string;
}

/** A guild owned by `owner` with `general` and `random` text channels holding a few messages each. */
async function guildWithHistory(api: APIRequestContext, owner: Account) {
  const guild = await call<{ id: string; channels: { id: string; name: string }[] }>(
    api,
    owner,
    "POST",
    "/guilds",
    { name: "Offline club" },
  );
  const general = guild.channels.find((c) => c.name === "general")!;
  const random = await call<{ id: string }>(api, owner, "POST", `/guilds/${guild.id}/channels`, {
    name: "random",
    type: "text",
  });
  for (
    const [channel, texts] of [
      [general.id, ["general one", "general two", "general three"]],
      [random.id, ["random one", "random two"]],
    ] as const
  ) {
    for (const content of texts) {
      await call(api, owner, "POST", `/channels/${channel}/messages`, {
        content,
        nonce: crypto.randomUUID(),
      });
    }
  }
  return { guildId: guild.id, generalId: general.id, randomId: random.id };
}

/** Joins `member` to the guild through an invite made by `owner`. */
async function join(api: APIRequestContext, owner: Account, member: Account, guildId: string) {
  const invite = await call<{ code: string }>(api, owner, "POST", `/guilds/${guildId}/invites`, {});
  await call(api, member, "POST", `/invites/${invite.code}`);
}

/** Waits until the service worker controls `page`, i.e. the shell is precached. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

const messagesIn = (page: Page, channel: string) =>
  page.getByRole("log", { name: `Messages in #${channel}` });
const article = (page: Page, channel: string, text: string) =>
  messagesIn(page, channel).getByRole("article").filter({ hasText: text });
const channelLink = (page: Page, channel: string) =>
  page.getByRole("navigation", { name: "Channels" }).getByRole("link", {
    name: channel,
    exact: true,
  });
const offlineStatus = (page: Page) => page.getByRole("status").filter({ hasText: "Offline" });

/** Opens `/app` on a channel and waits for its history and the service worker. */
async function openChannel(page: Page, guildId: string, channelId: string, first: string) {
  await page.goto(`/app#/channels/${guildId}/${channelId}`);
  await expect(page.getByRole("article").filter({ hasText: first })).toBeVisible();
  await waitForServiceWorker(page);
}

/** The messages of a channel with `content`, read over REST as `who`. */
async function copiesOf(api: APIRequestContext, who: Account, channelId: string, content: string) {
  const messages = await call<Message[]>(api, who, "GET", `/channels/${channelId}/messages`);
  return messages.filter((m) => m.content === content);
}

/** Sets the whole context offline or back online. */
async function network(context: BrowserContext, online: boolean) {
  await context.setOffline(!online);
}

/** Goes offline and writes `text` in #general; resolves to its article, shown as `Sending…`. */
async function writeOffline(page: Page, context: BrowserContext, text: string) {
  await network(context, false);
  const composer = page.getByRole("textbox", { name: "Message #general" });
  await composer.fill(text);
  await composer.press("Enter");
  const pending = article(page, "general", text);
  await expect(pending).toContainText("Sending…");
  return pending;
}

test("offline, a reload shows every previously opened channel from the cache and switches between them", async ({ page, context }) => {
  const alice = await register(context.request, "alice");
  const { guildId, generalId } = await guildWithHistory(context.request, alice);
  await openChannel(page, guildId, generalId, "general three");
  await channelLink(page, "random").click();
  await expect(article(page, "random", "random two")).toBeVisible();

  await network(context, false);
  try {
    await page.reload();
    await expect(offlineStatus(page)).toBeVisible();
    await expect(article(page, "random", "random one")).toBeVisible();
    await expect(article(page, "random", "random two")).toBeVisible();
    await channelLink(page, "general").click();
    for (const text of ["general one", "general two", "general three"]) {
      await expect(article(page, "general", text)).toBeVisible();
    }
    expect(page.url()).toContain(generalId);
  } finally {
    await network(context, true);
  }
  await expect(offlineStatus(page)).toHaveCount(0);
});

test("a message written offline shows Sending… and reaches the other user exactly once after reconnect", async ({ page, context, browser }) => {
  const alice = await register(context.request, "alice");
  const { guildId, generalId } = await guildWithHistory(context.request, alice);
  const bobContext = await browser.newContext();
  try {
    const bob = await register(bobContext.request, "bob");
    await join(context.request, alice, bob, guildId);
    const bobPage = await bobContext.newPage();
    await openChannel(bobPage, guildId, generalId, "general three");
    await openChannel(page, guildId, generalId, "general three");

    await network(context, false);
    await expect(offlineStatus(page)).toBeVisible();
    const text = `written offline ${crypto.randomUUID().slice(0, 8)}`;
    const composer = page.getByRole("textbox", { name: "Message #general" });
    await composer.fill(text);
    await composer.press("Enter");
    const pending = article(page, "general", text);
    await expect(pending).toContainText("Sending…");
    await expect(pending).toHaveAttribute("aria-busy", "true");

    await network(context, true);
    await expect(pending).not.toContainText("Sending…");
    await expect(article(bobPage, "general", text)).toHaveCount(1);
    await expect(article(page, "general", text)).toHaveCount(1);
    expect(await copiesOf(bobContext.request, bob, generalId, text)).toHaveLength(1);
    // A reload (which replays anything left in the outbox) must not send it again.
    await page.reload();
    await expect(article(page, "general", text)).toHaveCount(1);
    await expect(offlineStatus(page)).toHaveCount(0);
    expect(await copiesOf(bobContext.request, bob, generalId, text)).toHaveLength(1);
  } finally {
    await bobContext.close();
  }
});

test("with no tab open, Background Sync lets the service worker send a message queued offline", async ({ page, context }) => {
  const alice = await register(context.request, "alice");
  const { guildId, generalId } = await guildWithHistory(context.request, alice);
  await openChannel(page, guildId, generalId, "general three");

  const text = `synced in the background ${crypto.randomUUID().slice(0, 8)}`;
  await writeOffline(page, context, text);
  // The page asked for a sync when its own send failed for want of network.
  await expect.poll(() => syncTags(page)).toContain("outbox");

  await page.close();
  await network(context, true);
  const origin = new URL(test.info().project.use.baseURL!).origin;
  await fireOutboxSync(context, origin);
  await expect.poll(() => copiesOf(context.request, alice, generalId, text).then((m) => m.length))
    .toBe(1);

  const again = await context.newPage();
  await openChannel(again, guildId, generalId, "general three");
  await expect(article(again, "general", text)).toHaveCount(1);
  await expect(article(again, "general", text)).not.toContainText("Sending…");
  expect(await copiesOf(context.request, alice, generalId, text)).toHaveLength(1);
});

test("a message the service worker sends while the tab is open shows as sent at once", async ({ page, context }) => {
  const alice = await register(context.request, "alice");
  const { guildId, generalId } = await guildWithHistory(context.request, alice);
  await openChannel(page, guildId, generalId, "general three");

  const text = `sent by the worker ${crypto.randomUUID().slice(0, 8)}`;
  const pending = await writeOffline(page, context, text);

  // The page's own sends fail and its gateway stays down: only the worker can send, and only
  // its word can tell the page the message went out (the worker's requests bypass page.route).
  await page.route(
    /\/api\/v1\/channels\/[^/]+\/messages$/,
    (route) =>
      route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback(),
  );
  let gatewayOpen = () => {};
  const gatewayMayOpen = new Promise<void>((resolve) => (gatewayOpen = resolve));
  await page.routeWebSocket(/\/api\/v1\/gateway/, async (ws) => {
    await gatewayMayOpen;
    ws.connectToServer();
  });
  await network(context, true);
  const origin = new URL(test.info().project.use.baseURL!).origin;
  await fireOutboxSync(context, origin);
  await expect.poll(() => copiesOf(context.request, alice, generalId, text).then((m) => m.length))
    .toBe(1);
  await expect(pending).toHaveCount(1);
  await expect(pending).not.toContainText("Sending…");
  await expect(pending).not.toHaveAttribute("aria-busy", "true");

  // When the gateway connects, its copy of the message is not shown a second time.
  await page.unroute(/\/api\/v1\/channels\/[^/]+\/messages$/);
  gatewayOpen();
  await expect(offlineStatus(page)).toHaveCount(0);
  await expect(pending).toHaveCount(1);
  await page.reload();
  await expect(article(page, "general", text)).toHaveCount(1);
  expect(await copiesOf(context.request, alice, generalId, text)).toHaveLength(1);
});

/**
 * Fires the `outbox` sync in the origin's service worker through the
 * DevTools protocol (Chromium fires it by itself only on a real network
 * change), from a blank tab so that no page of the app is open.
 */
async function fireOutboxSync(context: BrowserContext, origin: string): Promise<void> {
  const blank = await context.newPage();
  try {
    const cdp = await context.newCDPSession(blank);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.dispatchSyncEvent", {
      origin,
      registrationId: await registrationId,
      tag: "outbox",
      lastChance: false,
    });
  } finally {
    await blank.close();
  }
}

test("an old or damaged IndexedDB is rebuilt and the app keeps working online and offline", async ({ page, context }) => {
  const alice = await register(context.request, "alice");
  const { guildId, generalId } = await guildWithHistory(context.request, alice);

  // An earlier schema: version 1 with a store the app never had.
  await page.goto("/login");
  await page.evaluate(() =>
    new Promise<void>((resolve, reject) => {
      const open = indexedDB.open("chat", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("legacy-junk");
      open.onsuccess = () => (open.result.close(), resolve());
      open.onerror = () => reject(open.error);
    })
  );
  await openChannel(page, guildId, generalId, "general three");

  // Damage: the message store vanishes behind the app's back (a newer version without it).
  await page.goto("/login");
  await page.evaluate(() =>
    new Promise<void>((resolve, reject) => {
      const probe = indexedDB.open("chat");
      probe.onsuccess = () => {
        const version = probe.result.version;
        probe.result.close();
        const open = indexedDB.open("chat", version + 1);
        open.onupgradeneeded = () => {
          const names = [...open.result.objectStoreNames];
          for (const name of names) if (name === "messages") open.result.deleteObjectStore(name);
        };
        open.onsuccess = () => (open.result.close(), resolve());
        open.onerror = () => reject(open.error);
      };
      probe.onerror = () => reject(probe.error);
    })
  );
  await openChannel(page, guildId, generalId, "general three");
  await expect(article(page, "general", "general one")).toBeVisible();

  await network(context, false);
  try {
    await page.reload();
    await expect(offlineStatus(page)).toBeVisible();
    await expect(article(page, "general", "general three")).toBeVisible();
  } finally {
    await network(context, true);
  }
});

/** The tab's access token with its signature replaced: well-formed, unexpired, wrongly signed. */
function forgeStoredToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = "chat.accessToken";
    const token = sessionStorage.getItem(key);
    if (!token) throw new Error(`no access token in sessionStorage["${key}"]`);
    const [header, payload, signature] = token.split(".");
    const flipped = signature[0] === "A" ? "B" : "A";
    const forged = `${header}.${payload}.${flipped}${signature.slice(1)}`;
    sessionStorage.setItem(key, forged);
    return forged;
  });
}

/**
 * Makes this page's browser refuse Background Sync, as it does for a user
 * who blocked it in the site's settings, so only the page replays the
 * outbox: otherwise the service worker's sync, which Chromium may fire as
 * soon as the page registers it, races the page for the send when the
 * network returns. (Chromium ignores a denied `background-sync`
 * permission set over CDP, so the registration is refused in the page.)
 */
/** The Background Sync tags registered for the page's service worker. */
function syncTags(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready as ServiceWorkerRegistration & {
      sync: { getTags(): Promise<string[]> };
    };
    return await registration.sync.getTags();
  });
}

async function refuseBackgroundSync(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const manager = (globalThis as { SyncManager?: { prototype: { register: unknown } } })
      .SyncManager;
    if (!manager) return;
    manager.prototype.register = () =>
      Promise.reject(new DOMException("Background Sync is blocked", "NotAllowedError"));
  });
}

test("a 401 while replaying the outbox refreshes the session and sends the message exactly once", async ({ page, context }) => {
  const alice = await register(context.request, "alice");
  const { guildId, generalId } = await guildWithHistory(context.request, alice);
  await refuseBackgroundSync(page);
  await openChannel(page, guildId, generalId, "general three");

  const text = `sent with a stale token ${crypto.randomUUID().slice(0, 8)}`;
  await writeOffline(page, context, text);
  expect(await syncTags(page)).not.toContain("outbox"); // the page alone will send it

  // The reload (offline, from the service worker) makes the app start from the forged token.
  const forged = await forgeStoredToken(page);
  const rejected = await context.request.get("/api/v1/users/@me", {
    headers: { authorization: `Bearer ${forged}` },
  });
  expect(rejected.status()).toBe(401);
  await page.reload();
  await expect(offlineStatus(page)).toBeVisible();
  const pending = article(page, "general", text);
  await expect(pending).toContainText("Sending…");

  // The gateway waits until the outbox got its answer, so the replay itself meets the 401.
  const sends: number[] = [];
  let replayed = () => {};
  const replay = new Promise<void>((resolve) => (replayed = resolve));
  page.on("response", (response) => {
    if (response.request().method() !== "POST" || !response.url().endsWith("/messages")) return;
    sends.push(response.status());
    if (response.ok()) replayed();
  });
  await page.routeWebSocket(/\/api\/v1\/gateway/, async (ws) => {
    await replay;
    ws.connectToServer();
  });
  await network(context, true);
  await expect.poll(() => sends).toEqual([401, 201]);
  await expect(offlineStatus(page)).toHaveCount(0);
  await expect(pending).not.toContainText("Sending…");
  await expect(pending).not.toHaveAttribute("aria-busy", "true");
  await expect(page.getByText("Failed to send")).toHaveCount(0);
  await expect(pending).toHaveCount(1);
  expect(await copiesOf(context.request, alice, generalId, text)).toHaveLength(1);
  expect(await page.evaluate(() => sessionStorage.getItem("chat.accessToken"))).not.toBe(forged);

  await page.reload();
  await expect(article(page, "general", text)).toHaveCount(1);
  await expect(page.getByText("Failed to send")).toHaveCount(0);
  expect(await copiesOf(context.request, alice, generalId, text)).toHaveLength(1);
});
