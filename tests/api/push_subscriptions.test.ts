/** Subscribing browsers to pushes, and notification settings: what is accepted and refused. */
import { describe, expect, test } from "vitest";
import { fromBase64Url } from "../../server/crypto/encoding.ts";
import { browserKeys } from "../support/webpush_decrypt.ts";
import { type Session, useTestApp } from "../support/app.ts";

const ctx = useTestApp();
const ENDPOINT = "https://push.example.org/send/abc123";

async function validBody(endpoint = ENDPOINT) {
  return { endpoint, expirationTime: null, keys: (await browserKeys()).json };
}
const post = (s: Session, body: unknown) =>
  ctx.c.post("/push/subscriptions", body, { token: s.accessToken });
const remove = (s: Session, endpoint: string) =>
  ctx.c.request("DELETE", "/push/subscriptions", { endpoint }, { token: s.accessToken });
const stored = (s: Session) => ctx.t.store.pushSubscriptions.listByUser(s.user.id);

test("the VAPID public key is a P-256 point and stays the same", async () => {
  const first = await ctx.c.get("/push/vapid-public-key");
  expect(first.status).toBe(200);
  const key = fromBase64Url(first.body.publicKey);
  expect([key.length, key[0]]).toEqual([65, 4]);
  expect((await ctx.c.get("/push/vapid-public-key")).body).toEqual(first.body);
});

test("a browser subscribes once per endpoint, and can unsubscribe", async () => {
  const alice = await ctx.c.register("alice");
  const res = await post(alice, { ...(await validBody()), device: "Firefox on Linux" });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ endpoint: ENDPOINT, device: "Firefox on Linux" });
  expect((await post(alice, await validBody())).status).toBe(201);
  expect(await stored(alice)).toHaveLength(1);
  expect((await remove(alice, ENDPOINT)).status).toBe(204);
  expect(await stored(alice)).toEqual([]);
  expect((await remove(alice, ENDPOINT)).status).toBe(404);
});

test("one user cannot unsubscribe another's browser; a browser re-subscribed moves", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  await post(alice, await validBody());
  expect((await remove(bob, ENDPOINT)).status).toBe(404);
  expect(await stored(alice)).toHaveLength(1);
  await post(bob, await validBody());
  expect(await stored(alice)).toEqual([]);
  expect(await stored(bob)).toHaveLength(1);
});

test("subscribing needs a login", async () => {
  const res = await ctx.c.post("/push/subscriptions", await validBody());
  expect(res.status).toBe(401);
});

describe("bad subscriptions are refused with a problem and store nothing", () => {
  const cases: [string, (body: Awaited<ReturnType<typeof validBody>>) => unknown][] = [
    ["an http endpoint", (b) => ({ ...b, endpoint: "http://push.example.org/x" })],
    ["a loopback endpoint", (b) => ({ ...b, endpoint: "https://127.0.0.1:8443/x" })],
    ["a localhost endpoint", (b) => ({ ...b, endpoint: "https://localhost/x" })],
    ["an IPv6 loopback endpoint", (b) => ({ ...b, endpoint: "https://[::1]/x" })],
    ["a private network endpoint", (b) => ({ ...b, endpoint: "https://192.168.1.20/x" })],
    ["a cloud metadata endpoint", (b) => ({ ...b, endpoint: "https://169.254.169.254/x" })],
    ["a non-URL endpoint", (b) => ({ ...b, endpoint: "not a url" })],
    ["missing keys", (b) => ({ endpoint: b.endpoint })],
    ["a missing auth key", (b) => ({ ...b, keys: { p256dh: b.keys.p256dh } })],
    ["a short p256dh", (b) => ({ ...b, keys: { ...b.keys, p256dh: b.keys.p256dh.slice(0, 40) } })],
    [
      "a p256dh off the curve",
      (b) => ({ ...b, keys: { ...b.keys, p256dh: "BA" + "A".repeat(85) } }),
    ],
    ["a 15-byte auth", (b) => ({ ...b, keys: { ...b.keys, auth: "A".repeat(20) } })],
    ["an unknown field", (b) => ({ ...b, extra: 1 })],
  ];
  for (const [name, make] of cases) {
    test(name, async () => {
      const alice = await ctx.c.register("alice");
      const res = await post(alice, make(await validBody()));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.type).toBe("validation_failed");
      expect(await stored(alice)).toEqual([]);
    });
  }

  test("a 100 KB body", async () => {
    const alice = await ctx.c.register("alice");
    const body = { ...(await validBody()), device: "x".repeat(100_000) };
    const res = await post(alice, body);
    expect(res.status).toBe(413);
    expect(res.body.type).toBe("payload_too_large");
    expect(await stored(alice)).toEqual([]);
  });
});

describe("notification settings", () => {
  const id = (n: number) => `01J9ZK3Q4M5N6P7R8S9T0V1W${String(n).padStart(2, "0")}`;

  test("start with nothing muted and are replaced by PUT", async () => {
    const alice = await ctx.c.register("alice");
    const path = "/users/@me/notification-settings";
    const empty = { mutedGuildIds: [], mutedChannelIds: [], suppressEveryoneGuildIds: [] };
    expect((await ctx.c.get(path, { token: alice.accessToken })).body).toEqual(empty);
    const settings = {
      mutedGuildIds: [id(1)],
      mutedChannelIds: [id(2), id(2), id(3)],
      suppressEveryoneGuildIds: [id(4)],
    };
    const put = await ctx.c.request("PUT", path, settings, { token: alice.accessToken });
    expect(put.status).toBe(200);
    const expected = { ...settings, mutedChannelIds: [id(2), id(3)] };
    expect(put.body).toEqual(expected);
    expect((await ctx.c.get(path, { token: alice.accessToken })).body).toEqual(expected);
  });

  test("refuse bad ids, unknown fields and missing lists, changing nothing", async () => {
    const alice = await ctx.c.register("alice");
    const path = "/users/@me/notification-settings";
    const good = { mutedGuildIds: [], mutedChannelIds: [], suppressEveryoneGuildIds: [] };
    for (
      const body of [
        { ...good, mutedGuildIds: ["nope"] },
        { ...good, extra: true },
        { mutedGuildIds: [] },
        { ...good, mutedChannelIds: Array.from({ length: 1001 }, (_, i) => id(i % 100)) },
      ]
    ) {
      const res = await ctx.c.request("PUT", path, body, { token: alice.accessToken });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe("validation_failed");
    }
    expect((await ctx.c.get(path, { token: alice.accessToken })).body).toEqual(good);
  });
});
