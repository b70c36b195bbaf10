import { afterEach, expect, test } from "vitest";
import { defaultLimits } from "../../server/services.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

const apps: TestApp[] = [];
async function app(options: Parameters<typeof startTestApp>[0] = {}) {
  const t = await startTestApp({ limits: defaultLimits(), ...options });
  apps.push(t);
  return t;
}

afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

test("every response carries a request id, echoed in problems", async () => {
  const t = await app();
  const res = await t.client().post("/auth/login", { login: "x", password: "y" });
  expect(res.headers.get("x-request-id")).toMatch(/\S{8,}/);
  expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
});

test("requests are logged as JSON lines with method, path, status and duration", async () => {
  const t = await app();
  await t.client().get("/users/@me");
  const line = t.log.lines.find((l) => l.msg === "request");
  expect(line).toMatchObject({ method: "GET", path: "/api/v1/users/@me", status: 401 });
  expect(line?.ms).toEqual(expect.any(Number));
});

test("security headers: a self-only CSP without inline script, nosniff, no framing", async () => {
  const t = await app();
  const res = await t.client().get("/users/@me");
  const csp = res.headers.get("content-security-policy")!;
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("strict-transport-security")).toBeNull();
});

test("CORS is off by default and on only for configured origins", async () => {
  const closed = await app();
  const headers = { origin: "https://evil.example" };
  const res = await closed.client().request("OPTIONS", "/auth/login", undefined, { headers });
  expect(res.headers.get("access-control-allow-origin")).toBeNull();

  const open = await app({ env: { CORS_ORIGINS: "https://app.example.org" } });
  const ok = await open.client().request("OPTIONS", "/auth/login", undefined, {
    headers: { origin: "https://app.example.org", "access-control-request-method": "POST" },
  });
  expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.org");
  const other = await open.client().request("OPTIONS", "/auth/login", undefined, { headers });
  expect(other.headers.get("access-control-allow-origin")).not.toBe("https://evil.example");
});

test("login is limited per account with 429 and Retry-After, whatever the address", async () => {
  const t = await app();
  const c = t.client();
  await c.register("alice");
  const max = defaultLimits().loginPerAccount.max;
  for (let i = 0; i < max; i++) {
    const res = await c.post("/auth/login", { login: "alice", password: "wrong-password" }, {
      remoteAddr: `10.0.0.${i}`,
    });
    expect(res.status).toBe(401);
  }
  const limited = await c.post("/auth/login", { login: "ALICE", password: "password123" }, {
    remoteAddr: "10.0.1.1",
  });
  expect(limited.status).toBe(429);
  expect(limited.body.type).toBe("rate_limited");
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  t.clock.advance(defaultLimits().loginPerAccount.windowMs);
  const later = await c.post("/auth/login", { login: "alice", password: "password123" });
  expect(later.status).toBe(200);
});

test("register is limited per client address; other addresses are unaffected", async () => {
  const t = await app();
  const c = t.client();
  const max = defaultLimits().registerPerIp.max;
  for (let i = 0; i < max; i++) {
    const res = await c.post("/auth/register", {
      username: `u${i}`,
      email: `u${i}@example.org`,
      password: "password123",
    }, { remoteAddr: "192.0.2.1" });
    expect(res.status).toBe(201);
  }
  const body = { username: "late", email: "late@example.org", password: "password123" };
  const limited = await c.post("/auth/register", body, { remoteAddr: "192.0.2.1" });
  expect(limited.status).toBe(429);
  expect(await t.store.users.getByUsername("late")).toBeNull();
  expect((await c.post("/auth/register", body, { remoteAddr: "192.0.2.2" })).status).toBe(201);
});

test("password reset is limited per account", async () => {
  const t = await app();
  const c = t.client();
  await c.register("alice");
  const max = defaultLimits().resetPerAccount.max;
  const statuses = [];
  for (let i = 0; i <= max; i++) {
    statuses.push(
      (await c.post("/auth/password-reset", { email: "alice@example.org" }, {
        remoteAddr: `10.1.0.${i}`,
      })).status,
    );
  }
  expect(statuses).toEqual([...Array(max).fill(202), 429]);
});

test("X-Forwarded-For is the client address only with TRUST_PROXY=1", async () => {
  const rule = { name: "login", max: 1, windowMs: 60_000 };
  const limits = { ...defaultLimits(), loginPerIp: rule };
  const login = { login: "x", password: "y" };

  const direct = await app({ limits });
  const dc = direct.client();
  await dc.post("/auth/login", login, { headers: { "x-forwarded-for": "1.1.1.1" } });
  const spoofed = await dc.post("/auth/login", login, {
    headers: { "x-forwarded-for": "2.2.2.2" },
  });
  expect(spoofed.status).toBe(429); // same socket address: the header is ignored

  const proxied = await app({ limits, env: { TRUST_PROXY: "1" } });
  const pc = proxied.client();
  await pc.post("/auth/login", login, { headers: { "x-forwarded-for": "1.1.1.1, 10.0.0.1" } });
  const other = await pc.post("/auth/login", login, { headers: { "x-forwarded-for": "2.2.2.2" } });
  expect(other.status).toBe(401);
  const same = await pc.post("/auth/login", login, { headers: { "x-forwarded-for": "1.1.1.1" } });
  expect(same.status).toBe(429);
});

test("the OpenAPI document describes the auth and user endpoints from the validating schemas", async () => {
  const t = await app();
  const res = await t.client().get("/openapi.json");
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe("3.1.0");
  for (
    const path of [
      "/auth/register",
      "/auth/login",
      "/auth/refresh",
      "/auth/logout",
      "/auth/password-reset",
      "/auth/password-reset/confirm",
      "/users/@me",
      "/users/search",
    ]
  ) expect(res.body.paths, path).toHaveProperty([path]);
  const register = res.body.paths["/auth/register"].post;
  const schema = register.requestBody.content["application/json"].schema;
  expect(schema.properties.username.pattern).toBe("^[a-z0-9_.]{2,32}$");
  expect(schema.additionalProperties).toBe(false);
  expect(res.body.components.schemas.User.properties).not.toHaveProperty("passwordHash");
});
