/**
 * Roles and moderation in the browser: an owner creates a moderator role
 * and grants it; the moderator deletes a member's message and times the
 * member out, who then cannot send; the owner's audit log lists both.
 * Accounts, the server and the invite are set up through the REST API;
 * everything the issue is about is driven through the interface.
 */
import { type Browser, expect, type Page, test } from "@playwright/test";

interface Account {
  page: Page;
  id: string;
  displayName: string;
  auth: { Authorization: string };
}

/** Registers an account in its own browser context (the context keeps its refresh cookie). */
async function account(browser: Browser, label: string): Promise<Account> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `${label.toLowerCase()}${suffix}`;
  const displayName = `${label} ${suffix}`;
  const page = await (await browser.newContext()).newPage();
  const created = await page.request.post("/api/v1/auth/register", {
    data: {
      username,
      email: `${username}@example.org`,
      password: "correct horse battery",
      displayName,
    },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  return {
    page,
    id: body.user.id,
    displayName,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

/** The owner's server with `general`, joined by everyone in `guests` through an invite. */
async function server(owner: Account, guests: Account[]) {
  const guild = await (await owner.page.request.post("/api/v1/guilds", {
    headers: owner.auth,
    data: { name: `Moderated ${Math.random().toString(36).slice(2, 7)}` },
  })).json();
  const invite = await (await owner.page.request.post(`/api/v1/guilds/${guild.id}/invites`, {
    headers: owner.auth,
    data: {},
  })).json();
  for (const guest of guests) {
    const joined = await guest.page.request.post(`/api/v1/invites/${invite.code}`, {
      headers: guest.auth,
    });
    expect(joined.status()).toBe(200);
  }
  const general = guild.channels.find((c: { type: string }) => c.type === "text");
  return { guildId: guild.id as string, channelId: general.id as string };
}

async function open(account: Account, guildId: string, channelId: string) {
  await account.page.goto(`/app#/channels/${guildId}/${channelId}`);
  await expect(account.page.getByRole("log", { name: "Messages in #general" })).toBeVisible();
}

function messageIn(page: Page, text: string) {
  return page.getByRole("log", { name: "Messages in #general" }).getByRole("article").filter({
    hasText: text,
  });
}

test("an owner delegates moderation: the moderator deletes a message and times out a member, and the audit log lists both", async ({ browser }) => {
  const owner = await account(browser, "Owner");
  const moderator = await account(browser, "Mod");
  const member = await account(browser, "Member");
  const { guildId, channelId } = await server(owner, [moderator, member]);
  const rude = await member.page.request.post(`/api/v1/channels/${channelId}/messages`, {
    headers: member.auth,
    data: { content: "something rude", nonce: crypto.randomUUID() },
  });
  expect(rude.status()).toBe(201);
  await open(owner, guildId, channelId);
  await open(moderator, guildId, channelId);
  await open(member, guildId, channelId);

  // Without a role the moderator may not delete others' messages.
  const seenByModerator = messageIn(moderator.page, "something rude");
  await seenByModerator.hover();
  await expect(seenByModerator.getByRole("button", { name: "Reply" })).toBeVisible();
  await expect(seenByModerator.getByRole("button", { name: "Delete" })).toHaveCount(0);

  // The owner creates "Moderators" with MANAGE_MESSAGES and MODERATE_MEMBERS and grants it.
  await owner.page.getByRole("button", { name: "Server settings" }).click();
  const settings = owner.page.getByRole("dialog", { name: "Server settings" });
  await settings.getByRole("tab", { name: "Roles" }).click();
  await settings.getByRole("button", { name: "Create role" }).click();
  const editor = settings.getByRole("form", { name: "Edit new role" });
  await editor.getByRole("textbox", { name: "Role name" }).fill("Moderators");
  await editor.getByRole("checkbox", { name: "Manage messages" }).check();
  await editor.getByRole("checkbox", { name: "Timeout members" }).check();
  await editor.getByRole("checkbox", { name: "Colour names with this role" }).check();
  await editor.getByRole("button", { name: "Save role" }).click();
  const saved = settings.getByRole("form", { name: "Edit Moderators" });
  await expect(saved.getByRole("status")).toHaveText("Saved.");
  await expect(settings.getByRole("list", { name: "Roles" })).toContainText("Moderators");

  await settings.getByRole("tab", { name: "Members" }).click();
  const grant = settings.getByRole("group", { name: `Roles of ${moderator.displayName}` })
    .getByRole("checkbox", { name: "Moderators" });
  await grant.check();
  await expect(grant).toBeChecked();
  await settings.getByRole("button", { name: "Close", exact: true }).click();
  await expect(settings).toHaveCount(0);

  // Names take the role's colour (set through the CSSOM: the CSP allows no inline styles).
  const violations: string[] = [];
  moderator.page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await expect(
    owner.page.getByRole("complementary", { name: "Members" }).getByText(moderator.displayName),
  ).toHaveCSS("color", "rgb(88, 101, 242)");

  // The moderator's app learns the new role live and deletes the member's message.
  await seenByModerator.hover();
  await seenByModerator.getByRole("button", { name: "Delete" }).click();
  await expect(messageIn(moderator.page, "something rude")).toHaveCount(0);
  await expect(messageIn(member.page, "something rude")).toHaveCount(0);

  expect(violations).toEqual([]);

  // ...then times the member out from the member list.
  const memberList = moderator.page.getByRole("complementary", { name: "Members" });
  await memberList.getByRole("button", { name: `Actions for ${member.displayName}` }).click();
  await moderator.page.getByRole("menu", { name: `Actions for ${member.displayName}` })
    .getByRole("menuitem", { name: "Timeout", exact: true }).click();
  const timeout = moderator.page.getByRole("dialog", { name: `Timeout ${member.displayName}` });
  await timeout.getByRole("radio", { name: "10 minutes" }).check();
  await timeout.getByRole("textbox", { name: "Reason" }).fill("cool off");
  await timeout.getByRole("button", { name: "Timeout", exact: true }).click();
  await expect(timeout).toHaveCount(0);

  // The member cannot send: the composer is disabled with the reason, and the server refuses.
  const composer = member.page.getByRole("textbox", { name: "Message #general" });
  await expect(composer).toBeDisabled();
  await expect(member.page.getByText(/You are timed out until/)).toBeVisible();
  const refused = await member.page.request.post(`/api/v1/channels/${channelId}/messages`, {
    headers: member.auth,
    data: { content: "let me speak", nonce: crypto.randomUUID() },
  });
  expect(refused.status()).toBe(403);

  // The owner's audit log lists both actions, by the moderator, with their targets.
  await owner.page.getByRole("button", { name: "Server settings" }).click();
  await settings.getByRole("tab", { name: "Audit log" }).click();
  const log = settings.getByRole("table", { name: "Audit log" });
  const deleted = log.getByRole("row").filter({ hasText: "Deleted a message" });
  await expect(deleted).toContainText(moderator.displayName);
  await expect(deleted).toContainText(member.displayName);
  const timedOut = log.getByRole("row").filter({ hasText: "Timed out a member" });
  await expect(timedOut).toContainText(moderator.displayName);
  await expect(timedOut).toContainText(member.displayName);
  await expect(timedOut).toContainText("cool off");
});

test("an owner makes a channel private through its permissions and a member stops seeing it at once", async ({ browser }) => {
  const owner = await account(browser, "Owner");
  const member = await account(browser, "Member");
  const { guildId, channelId } = await server(owner, [member]);
  const secret = await owner.page.request.post(`/api/v1/guilds/${guildId}/channels`, {
    headers: owner.auth,
    data: { name: "secret", type: "text" },
  });
  expect(secret.status()).toBe(201);
  await open(owner, guildId, channelId);
  await open(member, guildId, channelId);
  const memberChannels = member.page.getByRole("navigation", { name: "Channels" });
  await expect(memberChannels.getByRole("link", { name: "secret" })).toBeVisible();

  await owner.page.getByRole("button", { name: "Edit channel #secret" }).click();
  const dialog = owner.page.getByRole("dialog", { name: "Edit channel #secret" });
  await expect(dialog.getByRole("combobox", { name: "Role or member" })).toHaveValue(guildId);
  await dialog.getByRole("group", { name: "View channels" }).getByRole("radio", { name: "Deny" })
    .check();
  await dialog.getByRole("button", { name: "Save permissions" }).click();
  await expect(dialog.getByRole("status").last()).toHaveText("Saved.");
  await expect(dialog).toContainText("Permission overwrites: @everyone");

  await expect(memberChannels.getByRole("link", { name: "secret" })).toHaveCount(0);
  await expect(
    owner.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: "secret" }),
  ).toBeVisible();
});
