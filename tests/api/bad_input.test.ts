import { afterEach, beforeEach, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

let t: TestApp;

beforeEach(async () => {
  t = await startTestApp();
});

afterEach(() => t.close());

const valid = { username: "mallory", email: "mallory@example.org", password: "password123" };

/** Each row: a body that must be refused with 400 and store nothing. */
const registerCases: [string, unknown, string][] = [
  ["missing password", { username: "mallory", email: "m@example.org" }, "password"],
  ["unknown field", { ...valid, admin: true }, "(body)"],
  ["username as a number", { ...valid, username: 42 }, "username"],
  ["username with a space", { ...valid, username: "mal lory" }, "username"],
  ["username of 33 chars", { ...valid, username: "m".repeat(33) }, "username"],
  ["username of one char", { ...valid, username: "m" }, "username"],
  ["operator object as username", { ...valid, username: { $ne: null } }, "username"],
  ["not an e-mail", { ...valid, email: "mallory" }, "email"],
  ["password of 7 chars", { ...valid, password: "short12" }, "password"],
  ["password of 129 chars", { ...valid, password: "p".repeat(129) }, "password"],
  ["display name of 33 chars", { ...valid, displayName: "d".repeat(33) }, "displayName"],
  ["unknown locale", { ...valid, locale: "xx" }, "locale"],
  ["an array body", [valid], "(body)"],
  ["null body", null, "(body)"],
];

for (const [name, body, path] of registerCases) {
  test(`register refuses ${name} with a validation problem and stores nothing`, async () => {
    const res = await t.client().post("/auth/register", body);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.type).toBe("validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(res.body.requestId).toEqual(expect.any(String));
    expect(await t.store.users.getByUsername("mallory")).toBeNull();
  });
}

test("login refuses MongoDB operator objects in place of strings", async () => {
  const c = t.client();
  await c.register("alice");
  for (
    const body of [
      { login: { $ne: null }, password: "x" },
      { login: "alice", password: { $gt: "" } },
      { login: { $regex: ".*" }, password: { $ne: null } },
    ]
  ) {
    const res = await c.post("/auth/login", body);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("validation_failed");
    expect(res.headers.get("set-cookie")).toBeNull();
  }
});

test("malformed JSON gets a clear problem and the server keeps serving", async () => {
  const c = t.client();
  const res = await c.post("/auth/register", undefined, {
    raw: '{"username": "mallory",',
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    type: "validation_failed",
    title: "Request body is not valid JSON",
  });
  expect((await c.post("/auth/register", valid)).status).toBe(201);
});

test("a body that is not JSON is refused as an unsupported media type", async () => {
  const res = await t.client().post("/auth/login", undefined, {
    raw: "login=alice&password=x",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(res.status).toBe(415);
  expect(res.body.type).toBe("unsupported_media_type");
});

test("a 5 MiB body is refused with 413 and nothing is stored", async () => {
  const c = t.client();
  const huge = JSON.stringify({ ...valid, displayName: "x".repeat(5 * 1024 * 1024) });
  const res = await c.post("/auth/register", undefined, { raw: huge });
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ type: "payload_too_large", status: 413 });
  expect(await t.store.users.getByUsername("mallory")).toBeNull();
  expect((await c.post("/auth/register", valid)).status).toBe(201);
});

test("an unknown API route is a 404 problem", async () => {
  const res = await t.client().get("/nope");
  expect(res.status).toBe(404);
  expect(res.body).toMatchObject({ type: "not_found", detail: "GET /api/v1/nope" });
});

test("an unexpected failure is a 500 problem that leaks no stack trace", async () => {
  const c = t.client();
  const { accessToken } = await c.register("alice");
  await t.store.close(); // the database goes away under the server
  const res = await c.get("/users/@me", { token: accessToken });
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ type: "internal", title: "Internal server error" });
  expect(JSON.stringify(res.body)).not.toMatch(/at |\.ts:|Error:/);
  expect(t.log.lines.some((l) => l.msg === "unhandled error" && l.stack)).toBe(true);
});
