/**
 * Screenshots of the app in the dark, light and narrow (375 px) layouts,
 * saved to `test-results/screens/` as artifacts for people to look at.
 */
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

const DIR = "test-results/screens";

async function register(request: APIRequestContext, label: string) {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `${label.toLowerCase()}${id}`;
  const response = await request.post("/api/v1/auth/register", {
    data: {
      username,
      email: `${username}@example.org`,
      password: "correct horse battery",
      displayName: label,
    },
  });
  expect(response.status()).toBe(201);
  const body = await response.json();
  return { username, headers: { Authorization: `Bearer ${body.accessToken}` } };
}

/** A server with a short conversation between two people; returns the channel's URL. */
async function conversation(page: Page): Promise<string> {
  const alice = await register(page.request, "Alice");
  const bob = await register(page.request, "Bob");
  const guild = await (await page.request.post("/api/v1/guilds", {
    headers: alice.headers,
    data: { name: "Design crew" },
  })).json();
  const general = guild.channels.find((c: { type: string }) => c.type === "text");
  await page.request.post(`/api/v1/guilds/${guild.id}/channels`, {
    headers: alice.headers,
    data: { name: "random", type: "text" },
  });
  const invite = await (await page.request.post(`/api/v1/guilds/${guild.id}/invites`, {
    headers: alice.headers,
    data: {},
  })).json();
  await page.request.post(`/api/v1/invites/${invite.code}`, { headers: bob.headers });
  const lines: [typeof alice, string][] = [
    [bob, "Morning! Did anyone look at the **new layout** yet?"],
    [bob, "I pushed a draft to `feature/rail`"],
    [alice, `@${bob.username} yes, it looks *great* — one thing though:`],
    [
      alice,
      "> the member list should collapse on narrow screens\nand the drawer needs Escape to close",
    ],
    [bob, 'Good call. Here is the snippet:\n```ts\nexport const drawer = signal("none");\n```'],
    [alice, "Spoiler for the demo: ||it has dark mode|| 🎉 — details at https://example.org/notes"],
  ];
  for (const [who, content] of lines) {
    const sent = await page.request.post(`/api/v1/channels/${general.id}/messages`, {
      headers: who.headers,
      data: { content, nonce: crypto.randomUUID() },
    });
    expect(sent.status()).toBe(201);
  }
  // The browser is Bob now: his registration set the refresh cookie last.
  return `/app#/channels/${guild.id}/${general.id}`;
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

for (const scheme of ["dark", "light"] as const) {
  test(`screenshot: ${scheme} layout`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    const url = await conversation(page);
    await page.goto(url);
    const log = page.getByRole("log", { name: "Messages in #general" });
    await expect(log.getByRole("article").filter({ hasText: "dark mode" })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Members" })).toContainText("Alice");
    await shoot(page, `${scheme}-channel`);
    await page.getByRole("link", { name: "Home" }).click();
    await expect(page.getByRole("tab", { name: "Online" })).toBeVisible();
    await shoot(page, `${scheme}-friends`);
  });
}

test("screenshot: narrow layout with the drawer", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  // No slide-in animation: the screenshot shows where the drawer ends up.
  await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
  const url = await conversation(page);
  await page.goto(url);
  await expect(page.getByRole("log", { name: "Messages in #general" }).getByRole("article").first())
    .toBeVisible();
  await shoot(page, "narrow-channel");
  await page.getByRole("button", { name: "Open channel list" }).click();
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
  await shoot(page, "narrow-drawer");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeHidden();
  await page.getByRole("button", { name: "Show members" }).click();
  await expect(page.getByRole("complementary", { name: "Members" })).toBeVisible();
  await shoot(page, "narrow-members");
});
