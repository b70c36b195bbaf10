import { afterEach, beforeEach, expect, test } from "vitest";
import type { BusEvent } from "../../server/realtime/bus.ts";
import { startTestApp, type TestApp, type TestClient } from "../support/app.ts";

let t: TestApp;
let c: TestClient;
let events: BusEvent[];
type Session = { user: { id: string; username: string }; accessToken: string };
let alice: Session;
let bob: Session;

beforeEach(async () => {
  t = await startTestApp();
  c = t.client();
  alice = await c.register("alice");
  bob = await c.register("bob");
  events = [];
  t.services.bus.subscribe((e) => events.push(e));
});

afterEach(() => t.close());

/** Asserts nothing changed for either user and nothing was announced. */
async function nothingChanged() {
  for (const s of [alice, bob]) {
    const rels = await c.get("/users/@me/relationships", { token: s.accessToken });
    expect(rels.body).toEqual([]);
    const dms = await c.get("/users/@me/channels", { token: s.accessToken });
    expect(dms.body).toEqual([]);
  }
  expect(events).toEqual([]);
}

test("friend requests with bad bodies are 400 and change nothing", async () => {
  for (
    const body of [
      {},
      { username: "" },
      { username: "b" },
      { username: "bob!" },
      { username: "x".repeat(33) },
      { username: 7 },
      { username: { $ne: null } },
      { username: ["bob"] },
      { username: "bob", type: "friend" },
      { userId: bob.user.id },
    ]
  ) {
    const res = await c.post("/users/@me/relationships", body, { token: alice.accessToken });
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.body.type).toBe("validation_failed");
  }
  await nothingChanged();
});

test("bad user ids in relationship paths are 400 and change nothing", async () => {
  for (const id of ["nope", "01jh0000000000000000000000", "0".repeat(27), "%7B%24ne%3A1%7D"]) {
    for (const method of ["PUT", "DELETE"]) {
      const res = await c.request(method, `/users/@me/relationships/${id}`, undefined, {
        token: alice.accessToken,
      });
      expect(res.status, `${method} ${id}`).toBe(400);
    }
  }
  await nothingChanged();
});

test("PUT with unknown fields, an unknown type or a non-JSON body is refused", async () => {
  await c.post("/users/@me/relationships", { username: "alice" }, { token: bob.accessToken });
  events = [];
  const path = `/users/@me/relationships/${bob.user.id}`;
  for (const body of [{ type: "outgoing" }, { type: { $eq: "blocked" } }, { blocked: true }]) {
    const res = await c.request("PUT", path, body, { token: alice.accessToken });
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  const text = await c.request("PUT", path, undefined, {
    token: alice.accessToken,
    headers: { "content-type": "text/plain" },
    raw: "blocked",
  });
  expect(text.status).toBe(415);
  const rels = await c.get("/users/@me/relationships", { token: alice.accessToken });
  expect(rels.body.map((r: { type: string }) => r.type)).toEqual(["incoming"]);
  expect(events).toEqual([]);
});

test("opening a DM with a bad body is 400 and changes nothing", async () => {
  for (
    const body of [
      {},
      { recipientId: "bob" },
      { recipientId: bob.user.id.toLowerCase() },
      { recipientId: { $ne: null } },
      { recipientId: [bob.user.id] },
      { recipientId: bob.user.id, name: "x" },
      { recipientIds: [bob.user.id] },
    ]
  ) {
    const res = await c.post("/users/@me/channels", body, { token: alice.accessToken });
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  await nothingChanged();
});

test("every route needs a bearer token", async () => {
  const paths: [string, string, unknown?][] = [
    ["GET", "/users/@me/relationships"],
    ["POST", "/users/@me/relationships", { username: "bob" }],
    ["PUT", `/users/@me/relationships/${bob.user.id}`],
    ["DELETE", `/users/@me/relationships/${bob.user.id}`],
    ["GET", "/users/@me/channels"],
    ["POST", "/users/@me/channels", { recipientId: bob.user.id }],
  ];
  for (const [method, path, body] of paths) {
    const res = await c.request(method, path, body);
    expect(res.status, `${method} ${path}`).toBe(401);
  }
  await nothingChanged();
});
