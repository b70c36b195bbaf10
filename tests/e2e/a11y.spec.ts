/**
 * Automated accessibility scan (axe-core) of the login page and the app,
 * in the light and the dark theme: no serious or critical violations.
 * axe is injected as an inline script, so these contexts bypass the CSP.
 */
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const AXE = readFileSync(join(process.cwd(), "node_modules", "axe-core", "axe.min.js"), "utf8");

test.use({ bypassCSP: true });

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe on the page and returns the serious and critical violations, summarised. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      },
    });
    return result.violations as Violation[];
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
    );
}

async function register(request: APIRequestContext, label: string) {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `${label}${id}`;
  const response = await request.post("/api/v1/auth/register", {
    data: {
      username,
      email: `${username}@example.org`,
      password: "correct horse battery",
      displayName: `${label} ${id}`,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { accessToken: string; user: { displayName: string } };
}

test("the login page has no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Log in" })).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const scheme of ["light", "dark"] as const) {
  test(`the app with a channel open has no serious or critical violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const { accessToken } = await register(page.request, "axe");
    const auth = { Authorization: `Bearer ${accessToken}` };
    const guild = await (await page.request.post("/api/v1/guilds", {
      headers: auth,
      data: { name: "Axe club" },
    })).json();
    const general = guild.channels.find((c: { type: string }) => c.type === "text");
    for (
      const content of [
        "Hello **world**",
        "> a quote\nwith `code` and ||a spoiler||",
        "https://example.org/page",
      ]
    ) {
      const sent = await page.request.post(`/api/v1/channels/${general.id}/messages`, {
        headers: auth,
        data: { content, nonce: crypto.randomUUID() },
      });
      expect(sent.status()).toBe(201);
    }
    await page.goto(`/app#/channels/${guild.id}/${general.id}`);
    const log = page.getByRole("log", { name: "Messages in #general" });
    await expect(log.getByRole("article").filter({ hasText: "Hello world" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Home" }).click();
    await expect(page.getByRole("tab", { name: "Online" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "User settings" }).click();
    await expect(page.getByRole("dialog", { name: "User settings" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const scheme of ["light", "dark"] as const) {
  test(`server and channel settings have no serious or critical violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const { accessToken } = await register(page.request, "axeowner");
    const auth = { Authorization: `Bearer ${accessToken}` };
    const guild = await (await page.request.post("/api/v1/guilds", {
      headers: auth,
      data: { name: "Axe settings" },
    })).json();
    const role = await page.request.post(`/api/v1/guilds/${guild.id}/roles`, {
      headers: auth,
      data: { name: "Helpers", permissions: "4" },
    });
    expect(role.status()).toBe(201);
    const general = guild.channels.find((c: { type: string }) => c.type === "text");
    await page.goto(`/app#/channels/${guild.id}/${general.id}`);
    await expect(page.getByRole("log", { name: "Messages in #general" })).toBeVisible();

    await page.getByRole("button", { name: "Server settings" }).click();
    const settings = page.getByRole("dialog", { name: "Server settings" });
    await expect(settings.getByRole("textbox", { name: "Server name" })).toHaveValue(
      "Axe settings",
    );
    expect(await seriousViolations(page)).toEqual([]);

    await settings.getByRole("tab", { name: "Roles" }).click();
    await settings.getByRole("button", { name: /^Helpers/ }).click();
    await expect(settings.getByRole("form", { name: "Edit Helpers" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await settings.getByRole("tab", { name: "Members" }).click();
    await expect(settings.getByRole("checkbox", { name: "Helpers" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await settings.getByRole("tab", { name: "Bans" }).click();
    await expect(settings.getByText("Nobody is banned.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await settings.getByRole("tab", { name: "Audit log" }).click();
    await expect(settings.getByRole("table", { name: "Audit log" })).toContainText(
      "Created a role",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await settings.getByRole("button", { name: "Close", exact: true }).click();

    await page.getByRole("button", { name: "Edit channel #general" }).click();
    const channel = page.getByRole("dialog", { name: "Edit channel #general" });
    await expect(channel.getByRole("group", { name: "Send messages" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
