/**
 * Chatting in the browser: two people in two browser contexts talk in real
 * time (message, edit, delete, reaction, typing), become friends without
 * reloading, whisper, and keep their drafts across reloads.
 */
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";

interface Person {
  page: Page;
  username: string;
  displayName: string;
}

/** Registers a fresh account in its own browser context and opens the app. */
async function person(browser: Browser, label: string): Promise<Person> {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `${label.toLowerCase()}${id}`;
  const displayName = `${label} ${id}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  const created = await page.request.post("/api/v1/auth/register", {
    data: {
      username,
      email: `${username}@example.org`,
      password: "correct horse battery",
      displayName,
    },
  });
  expect(created.status()).toBe(201);
  await page.goto("/app");
  await expect(page.getByRole("heading", { name: `Welcome, ${displayName}` })).toBeVisible();
  return { page, username, displayName };
}

/** `owner` creates a server through the UI and `guest` joins it through an invite link. */
async function shareServer(owner: Person, guest: Person): Promise<string> {
  const name = `Club ${Math.random().toString(36).slice(2, 7)}`;
  await owner.page.getByRole("button", { name: "Create a server" }).click();
  const create = owner.page.getByRole("dialog", { name: "Create a server" });
  await create.getByRole("textbox", { name: "Server name" }).fill(name);
  await create.getByRole("button", { name: "Create" }).click();
  await expect(owner.page.getByRole("log", { name: "Messages in #general" })).toBeVisible();

  await owner.page.getByRole("button", { name: "Invite people" }).click();
  const link = owner.page.getByRole("textbox", { name: "Invite link" });
  await expect(link).toHaveValue(/\/invite\//);
  const code = (await link.inputValue()).split("/invite/")[1];
  await owner.page.keyboard.press("Escape");

  await guest.page.goto(`/app?invite=${code}`);
  await expect(guest.page.getByRole("heading", { name })).toBeVisible();
  await guest.page.getByRole("button", { name: "Join" }).click();
  await expect(guest.page.getByRole("log", { name: "Messages in #general" })).toBeVisible();
  await expect(guest.page.getByRole("navigation", { name: "Servers" }).getByRole("link", { name }))
    .toBeVisible();
  return name;
}

function composer(page: Page, target: string): Locator {
  return page.getByRole("textbox", { name: `Message ${target}` });
}

function message(page: Page, log: string, text: string | RegExp): Locator {
  return page.getByRole("log", { name: log }).getByRole("article").filter({ hasText: text });
}

test("two people chat in real time: message, typing, edit, reaction and delete", async ({ browser }) => {
  const alice = await person(browser, "Alice");
  const bob = await person(browser, "Bob");
  await shareServer(alice, bob);
  const log = "Messages in #general";

  await composer(alice.page, "#general").fill("hello **bob**");
  await composer(alice.page, "#general").press("Enter");
  const seenByBob = message(bob.page, log, "hello bob");
  await expect(seenByBob).toBeVisible();
  await expect(seenByBob).toContainText(alice.displayName);
  await expect(seenByBob.locator("strong")).toHaveText("bob");
  await expect(message(alice.page, log, "hello bob")).not.toHaveAttribute("aria-busy", "true");

  await composer(bob.page, "#general").pressSequentially("hi al");
  await expect(alice.page.getByText(`${bob.displayName} is typing…`)).toBeVisible();

  const mine = message(alice.page, log, "hello bob");
  await mine.hover();
  await mine.getByRole("button", { name: "Edit" }).click();
  const edit = alice.page.getByRole("textbox", { name: "Edit message" });
  await edit.fill("hello everyone");
  await edit.press("Enter");
  await expect(message(bob.page, log, "hello everyone")).toContainText("(edited)");

  const theirs = message(bob.page, log, "hello everyone");
  await theirs.hover();
  await theirs.getByRole("button", { name: "Add reaction" }).click();
  await bob.page.getByRole("dialog", { name: "Pick an emoji" }).getByRole("button", { name: "👍" })
    .click();
  const chip = message(alice.page, log, "hello everyone").getByRole("button", {
    name: "👍: 1 reaction",
  });
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute("aria-pressed", "false");
  await chip.click();
  await expect(
    message(bob.page, log, "hello everyone").getByRole("button", { name: "👍: 2 reactions" }),
  ).toBeVisible();

  const edited = message(alice.page, log, "hello everyone");
  await edited.hover();
  await edited.getByRole("button", { name: "Delete" }).click();
  await expect(message(bob.page, log, "hello everyone")).toHaveCount(0);
  await expect(message(alice.page, log, "hello everyone")).toHaveCount(0);
});

test("a friend request appears for the other person without a reload and can be accepted", async ({ browser }) => {
  const alice = await person(browser, "Alice");
  const bob = await person(browser, "Bob");

  await alice.page.getByRole("tab", { name: "Add friend" }).click();
  await alice.page.getByRole("textbox", { name: "Username" }).fill(bob.username);
  await alice.page.getByRole("button", { name: "Send friend request" }).click();
  await expect(alice.page.getByText(`Friend request sent to ${bob.username}`)).toBeVisible();

  await bob.page.getByRole("tab", { name: "Pending" }).click();
  const request = bob.page.getByRole("listitem").filter({ hasText: alice.displayName });
  await expect(request).toContainText("Incoming friend request");
  await expect(request.getByRole("button", { name: "Decline" })).toBeVisible();
  await request.getByRole("button", { name: "Accept" }).click();

  await bob.page.getByRole("tab", { name: "All" }).click();
  await expect(bob.page.getByRole("listitem").filter({ hasText: alice.displayName })).toBeVisible();
  await alice.page.getByRole("tab", { name: "All" }).click();
  await expect(alice.page.getByRole("listitem").filter({ hasText: bob.displayName })).toBeVisible();
});

test("the whisper command reaches the person's direct messages and not the channel", async ({ browser }) => {
  const alice = await person(browser, "Alice");
  const bob = await person(browser, "Bob");
  await shareServer(alice, bob);

  await composer(alice.page, "#general").fill(`/w ${bob.username} psst, a secret`);
  await composer(alice.page, "#general").press("Enter");
  await composer(alice.page, "#general").fill("and a public hello");
  await composer(alice.page, "#general").press("Enter");
  await expect(message(bob.page, "Messages in #general", "a public hello")).toBeVisible();
  await expect(message(bob.page, "Messages in #general", "psst")).toHaveCount(0);
  await expect(message(alice.page, "Messages in #general", "psst")).toHaveCount(0);

  await bob.page.getByRole("link", { name: "Home" }).click();
  const dms = bob.page.getByRole("navigation", { name: "Direct messages" });
  await dms.getByRole("link", { name: alice.displayName }).click();
  await expect(message(bob.page, `Messages with ${alice.displayName}`, "psst, a secret"))
    .toBeVisible();
});

test("a draft survives a reload", async ({ browser }) => {
  const alice = await person(browser, "Alice");
  const bob = await person(browser, "Bob");
  await shareServer(alice, bob);

  await composer(alice.page, "#general").fill("half a thought,\nstill writing");
  await alice.page.waitForTimeout(600); // drafts are written to IndexedDB after a short pause
  await alice.page.reload();
  await expect(composer(alice.page, "#general")).toHaveValue("half a thought,\nstill writing");
});

test("hostile message content renders as inert text", async ({ page }) => {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const created = await page.request.post("/api/v1/auth/register", {
    data: { username: `m${id}`, email: `m${id}@example.org`, password: "correct horse battery" },
  });
  const auth = { Authorization: `Bearer ${(await created.json()).accessToken}` };
  const guild = await (await page.request.post("/api/v1/guilds", {
    headers: auth,
    data: { name: "Hostile" },
  })).json();
  const general = guild.channels.find((c: { type: string }) => c.type === "text");
  const hostile = [
    `<img src=x onerror="document.title='pwned'"> tag`,
    "[click me](javascript:document.title='pwned') link",
    `${"W".repeat(4000)}`,
    "\u202Eevil\u200B\u200Dzero-width and RTL \u05E9\u05DC\u05D5\u05DD",
  ];
  for (const content of hostile) {
    const sent = await page.request.post(`/api/v1/channels/${general.id}/messages`, {
      headers: auth,
      data: { content, nonce: crypto.randomUUID() },
    });
    expect(sent.status()).toBe(201);
  }
  const dialogs: string[] = [];
  page.on("dialog", (d) => void dialogs.push(d.message()));
  await page.goto(`/app#/channels/${guild.id}/${general.id}`);
  const log = page.getByRole("log", { name: "Messages in #general" });
  await expect(log.getByRole("article").filter({ hasText: "zero-width" })).toBeVisible();

  const img = log.getByRole("article").filter({ hasText: "<img src=x onerror=" });
  await expect(img).toContainText("tag");
  await expect(log.locator("img")).toHaveCount(0);
  await expect(log.getByRole("article").filter({ hasText: "javascript:" })).toContainText(
    "[click me](javascript:",
  );
  await expect(log.locator('a[href^="javascript:"]')).toHaveCount(0);
  const long = log.getByRole("article").filter({ hasText: "WWWW" });
  await long.scrollIntoViewIfNeeded();
  const logBox = await log.boundingBox();
  const longBox = await long.locator(".text").boundingBox();
  expect(longBox!.x + longBox!.width).toBeLessThanOrEqual(logBox!.x + logBox!.width);
  await expect(log.getByRole("article").filter({ hasText: "zero-width" }).locator(".text"))
    .toHaveAttribute("dir", "auto");
  expect(await page.title()).not.toBe("pwned");
  expect(dialogs).toEqual([]);
});
