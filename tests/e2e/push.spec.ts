/**
 * Web push in the browser: a push delivered to the registered service
 * worker through CDP (`ServiceWorker.deliverPushMessage`) is shown as a
 * notification and sets the app badge; clicking it opens its conversation
 * in the open app; reading that conversation closes the notification.
 *
 * Browsers offer no API to click a notification or to read the app badge,
 * so the worker has two test hooks (see `sw/push.ts`): `PUSH_TEST_CLICK`
 * runs the real click handler on the shown notification, and
 * `PUSH_TEST_STATE` answers with the last badge the worker set.
 */
import { type CDPSession, expect, type Page, request as apiRequest, test } from "@playwright/test";
import { call, register } from "./api_support.ts";

async function registrationId(cdp: CDPSession, origin: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const mine = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  return await found;
}

/** The notifications the worker shows now. */
function shown(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const list = await registration.getNotifications();
    return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
  });
}

/** The badge the worker set last (test hook). */
function badge(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    const answer = new Promise<{ badge: number | null }>((resolve) => {
      channel.port1.onmessage = (e) => resolve(e.data);
    });
    registration.active!.postMessage({ type: "PUSH_TEST_STATE" }, [channel.port2]);
    return (await answer).badge;
  });
}

/**
 * Delivers a push through DevTools until the worker shows a notification
 * for its tag (at most three times). Headless Chromium here drops about one
 * DevTools delivery in four: the worker running and activated, no error
 * reported, no push event, no notification. A repeat with the same tag
 * replaces rather than adds, so the assertions that follow are unchanged.
 */
async function deliverPush(
  cdp: CDPSession,
  page: Page,
  origin: string,
  registrationId: string,
  payload: { tag: string; body: string } & Record<string, unknown>,
): Promise<void> {
  const showing = async () =>
    (await shown(page)).some((n) => n.tag === payload.tag && n.body === payload.body);
  for (let attempt = 1; attempt <= 3; attempt++) {
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin,
      registrationId,
      data: JSON.stringify(payload),
    });
    for (let i = 0; i < 20 && !(await showing()); i++) await page.waitForTimeout(100);
    if (await showing()) return;
  }
}

test("a push shows a notification with the badge; clicking it opens the conversation; reading it closes it", async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(["notifications"], { origin });
  const me = await register(context.request, "pushme");
  const other = await apiRequest.newContext({ baseURL });
  const friend = await register(other, "pushfriend");
  const dm = await call<{ id: string }>(other, friend, "POST", "/users/@me/channels", {
    recipientId: me.id,
  });
  await call(other, friend, "POST", `/channels/${dm.id}/messages`, {
    content: "are you there?",
    nonce: crypto.randomUUID(),
  });
  await other.dispose();

  await page.goto("/app#/friends");
  await expect(page.getByRole("heading", { name: `Welcome, ${me.username}` })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  const cdp = await context.newCDPSession(page);
  const registration = await registrationId(cdp, origin);
  const tag = `ch:${dm.id}`;
  const url = `/app#/channels/@me/${dm.id}`;
  await deliverPush(cdp, page, origin, registration, {
    title: friend.username,
    body: "are you there?",
    url,
    tag,
    channelId: dm.id,
    author: { id: friend.id, name: friend.username, avatar: null },
    badge: 3,
    close: [],
  });
  await expect.poll(() => shown(page)).toEqual([{
    title: friend.username,
    body: "are you there?",
    tag,
    data: { url, channelId: dm.id },
  }]);
  expect(await badge(page)).toBe(3);

  // The click (through the test hook) brings the open app to the conversation.
  await page.evaluate(async (tag) => {
    const registration = await navigator.serviceWorker.ready;
    registration.active!.postMessage({ type: "PUSH_TEST_CLICK", tag });
  }, tag);
  await expect(page).toHaveURL(new RegExp(`#/channels/@me/${dm.id}$`));
  await expect(page.getByRole("heading", { name: `@${friend.username}` })).toBeVisible();
  await expect.poll(() => shown(page)).toEqual([]);

  // Shown again, then read in the app: the page tells the worker, which closes it and clears the badge.
  await page.evaluate(() => (location.hash = "#/friends"));
  await call(context.request, friend, "POST", `/channels/${dm.id}/messages`, {
    content: "hello again",
    nonce: crypto.randomUUID(),
  });
  await deliverPush(cdp, page, origin, registration, {
    title: friend.username,
    body: "hello again",
    url,
    tag,
    badge: 1,
    close: [],
  });
  await expect.poll(async () => (await shown(page)).map((n) => n.body)).toEqual(["hello again"]);
  await page.evaluate((hash) => (location.hash = hash), `#/channels/@me/${dm.id}`);
  await expect.poll(() => shown(page)).toEqual([]);
  expect(await badge(page)).toBe(0);
});
