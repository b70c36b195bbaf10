import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { ApiError, problemError, request } from "./api.ts";
import { accessToken, saveAccessToken } from "./token.ts";

/** A fake API: `/auth/refresh` hands out numbered tokens; `/users/@me` wants the newest. */
function fakeServer(options: { refreshFails?: boolean } = {}) {
  const calls: { path: string; token: string | null }[] = [];
  let issued = 0;
  const fetch = async (url: string, init: RequestInit) => {
    const path = url.replace("/api/v1", "");
    const token = new Headers(init.headers).get("authorization")?.replace("Bearer ", "") ?? null;
    calls.push({ path, token });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (path === "/auth/refresh") {
      if (options.refreshFails) return problem(401, "Refresh token is invalid", "no cookie");
      return Response.json({ accessToken: `token-${++issued}` });
    }
    if (token !== `token-${issued}`) return problem(401, "Access token expired");
    return Response.json({ id: "u1", username: "alice" });
  };
  return { fetch, calls, refreshes: () => calls.filter((c) => c.path === "/auth/refresh").length };
}

function problem(status: number, title: string, detail?: string): Response {
  return new Response(JSON.stringify({ type: "unauthorized", title, status, detail }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}

/** Web Locks as browsers grant them: one holder at a time, in request order. */
function fifoLocks() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, fn: () => Promise<T>): Promise<T> {
      const run = tail.then(fn);
      tail = run.catch(() => {});
      return run;
    },
  };
}

beforeEach(() => {
  saveAccessToken(null);
  Object.defineProperty(navigator, "locks", { value: fifoLocks(), configurable: true });
});

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, "locks");
});

test("request() without an access token refreshes first and sends the new token", async () => {
  const server = fakeServer();
  vi.stubGlobal("fetch", server.fetch);
  expect(await request("GET", "/users/@me")).toEqual({ id: "u1", username: "alice" });
  expect(server.calls).toEqual([
    { path: "/auth/refresh", token: null },
    { path: "/users/@me", token: "token-1" },
  ]);
  expect(accessToken.value).toBe("token-1");
});

test("concurrent requests without a token share one refresh, so no refresh token is reused", async () => {
  const server = fakeServer();
  vi.stubGlobal("fetch", server.fetch);
  await Promise.all([request("GET", "/users/@me"), request("GET", "/users/@me")]);
  expect(server.refreshes()).toBe(1);
});

test("a rejected access token is refreshed once and the request retried", async () => {
  const server = fakeServer();
  vi.stubGlobal("fetch", server.fetch);
  saveAccessToken("expired");
  await request("GET", "/users/@me");
  expect(server.calls.map((c) => c.path)).toEqual(["/users/@me", "/auth/refresh", "/users/@me"]);
  expect(accessToken.value).toBe("token-1");
});

test("a failed refresh rejects with the server's problem and forgets the token", async () => {
  vi.stubGlobal("fetch", fakeServer({ refreshFails: true }).fetch);
  saveAccessToken("expired");
  const error = await request("GET", "/users/@me").catch((e) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({
    status: 401,
    title: "Refresh token is invalid",
    detail: "no cookie",
  });
  expect(accessToken.value).toBeNull();
});

test("an unreachable server is reported as such, with status 0", async () => {
  vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
  const error = await request("POST", "/auth/login", { auth: false }).catch((e) => e);
  expect(error).toMatchObject({ status: 0, title: "Cannot reach the server" });
});

test("problemError() reads problem+json and falls back to the status for other bodies", async () => {
  const fromProblem = await problemError(problem(409, "Username is taken", "pick another"));
  expect(fromProblem).toMatchObject({
    status: 409,
    title: "Username is taken",
    type: "unauthorized",
  });
  const fromHtml = await problemError(new Response("<h1>Bad gateway</h1>", { status: 502 }));
  expect(fromHtml).toMatchObject({ status: 502, title: "Request failed with status 502" });
});
