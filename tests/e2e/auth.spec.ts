/** Accounts in the browser: register, greet, log out, log in, errors, the API docs. */
import { expect, type Page, test } from "@playwright/test";

/** A user no other test (or earlier run against the same server) has taken. */
function newUser() {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    username: `u${id}`,
    email: `u${id}@example.org`,
    password: "correct horse battery",
    displayName: `Alice ${id}`,
  };
}

/** Fails the test on any Content-Security-Policy violation the page reports. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function logIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Username or email" }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "User settings" }).click();
  await page.getByRole("dialog", { name: "User settings" }).getByRole("button", { name: "Log out" })
    .click();
  await expect(page).toHaveURL(/\/login$/);
}

test("a new user registers, is greeted, logs out and logs in again by username and by e-mail", async ({ page }) => {
  const csp = watchCsp(page);
  const user = newUser();
  const greeting = page.getByRole("heading", { name: `Welcome, ${user.displayName}` });

  await page.goto("/login");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/register$/);
  await page.getByRole("textbox", { name: "Username", exact: true }).fill(user.username);
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("textbox", { name: /Display name/ }).fill(user.displayName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/app(#.*)?$/);
  await expect(greeting).toBeVisible();

  await logOut(page);
  await logIn(page, user.username, user.password);
  await expect(page).toHaveURL(/\/app(#.*)?$/);
  await expect(greeting).toBeVisible();

  await logOut(page);
  await logIn(page, user.email, user.password);
  await expect(greeting).toBeVisible();
  expect(csp).toEqual([]);
});

test("the session survives a reload and reaches a new tab through the refresh cookie", async ({ page, context }) => {
  const user = newUser();
  const created = await page.request.post("/api/v1/auth/register", { data: user });
  expect(created.status()).toBe(201);
  await logIn(page, user.username, user.password);
  const greeting = `Welcome, ${user.displayName}`;
  await expect(page.getByRole("heading", { name: greeting })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: greeting })).toBeVisible();

  const tab = await context.newPage();
  const refreshed = tab.waitForResponse("**/api/v1/auth/refresh");
  await tab.goto("/app");
  expect((await refreshed).status()).toBe(200);
  await expect(tab.getByRole("heading", { name: greeting })).toBeVisible();
});

test("a wrong password shows the server's error in an alert and stays on the login page", async ({ page }) => {
  const user = newUser();
  const created = await page.request.post("/api/v1/auth/register", { data: user });
  expect(created.status()).toBe(201);

  await logIn(page, user.username, "not the password");
  await expect(page.getByRole("alert")).toContainText("Wrong username, e-mail or password");
  await expect(page).toHaveURL(/\/login$/);
});

test("the app without a session sends the browser to the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
});

test("asking for a password reset confirms without saying whether the address is known", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByRole("textbox", { name: "Email" }).fill("nobody@example.org");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");
});

test("a reset link without a valid token reports the error", async ({ page }) => {
  await page.goto("/reset-password?token=not-a-real-token");
  await page.getByLabel("New password").fill("another good password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("alert")).toContainText("Reset link is invalid or expired");
});

test("the API docs page renders the API's title from its OpenAPI document", async ({ page }) => {
  const csp = watchCsp(page);
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Chat API/ })).toBeVisible();
  expect(csp).toEqual([]);
});
