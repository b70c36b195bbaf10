/** REST helpers the browser suites share: fresh accounts and calls as one of them. */
import { type APIRequestContext, expect } from "@playwright/test";

/** A registered user as the suites hold it. */
export interface Account {
  id: string;
  username: string;
  token: string;
}

/** Registers a fresh user through `api` (a browser context's `request` logs that browser in). */
export async function register(api: APIRequestContext, label: string): Promise<Account> {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `${label}${id}`;
  const response = await api.post("/api/v1/auth/register", {
    data: { username, email: `${username}@example.org`, password: "correct horse battery" },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { user, accessToken } = await response.json();
  return { id: user.id, username, token: accessToken };
}

/** A REST call as `who`; fails the test unless it succeeds. */
export async function call<T>(
  api: APIRequestContext,
  who: Account,
  method: "GET" | "POST",
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await api.fetch(`/api/v1${path}`, {
    method,
    data,
    headers: { authorization: `Bearer ${who.token}` },
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return response.status() === 204 ? undefined as T : await response.json();
}
