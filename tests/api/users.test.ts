import { afterEach, beforeEach, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

let t: TestApp;

beforeEach(async () => {
  t = await startTestApp();
});

afterEach(() => t.close());

test("GET /users/@me returns one's own profile with e-mail", async () => {
  const c = t.client();
  const { accessToken, user } = await c.register("alice");
  const res = await c.get("/users/@me", { token: accessToken });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ ...user, email: "alice@example.org" });
});

test("PATCH /users/@me changes display name, locale and avatar", async () => {
  const c = t.client();
  const { accessToken } = await c.register("alice");
  const res = await c.patch("/users/@me", {
    displayName: "  Alice Liddell ",
    locale: "ru",
    avatar: "https://example.org/a.png",
  }, { token: accessToken });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    displayName: "Alice Liddell",
    locale: "ru",
    avatar: "https://example.org/a.png",
  });
  expect((await c.get("/users/@me", { token: accessToken })).body.locale).toBe("ru");
});

test("PATCH /users/@me refuses the username, the e-mail and bad values, changing nothing", async () => {
  const c = t.client();
  const { accessToken } = await c.register("alice");
  for (
    const body of [
      { username: "root" },
      { email: "x@example.org" },
      { displayName: "" },
      { displayName: 7 },
      { avatar: "javascript:alert(1)" },
      { locale: { $set: "en" } },
    ]
  ) {
    const res = await c.patch("/users/@me", body, { token: accessToken });
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  const me = await c.get("/users/@me", { token: accessToken });
  expect(me.body).toMatchObject({ username: "alice", displayName: "alice", avatar: null });
});

test("GET /users/search finds users by username prefix and never shows e-mails", async () => {
  const c = t.client();
  const { accessToken } = await c.register("alice");
  await c.register("alfred");
  await c.register("bob");
  const res = await c.get("/users/search?q=AL", { token: accessToken });
  expect(res.status).toBe(200);
  expect(res.body.map((u: { username: string }) => u.username)).toEqual(["alfred", "alice"]);
  for (const u of res.body) {
    expect(Object.keys(u).sort()).toEqual(["avatar", "displayName", "id", "username"]);
  }
});

test("GET /users/search returns at most 25 users", async () => {
  const c = t.client();
  const { accessToken } = await c.register("zed");
  for (let i = 0; i < 30; i++) await c.register(`user${String(i).padStart(2, "0")}`);
  const res = await c.get("/users/search?q=user", { token: accessToken });
  expect(res.body).toHaveLength(25);
});

test("GET /users/search needs a query and a session", async () => {
  const c = t.client();
  const { accessToken } = await c.register("alice");
  expect((await c.get("/users/search", { token: accessToken })).status).toBe(400);
  expect((await c.get("/users/search?q=" + "a".repeat(33), { token: accessToken })).status).toBe(
    400,
  );
  expect((await c.get("/users/search?q=al")).status).toBe(401);
});
