import { afterEach, beforeEach, expect, test } from "vitest";
import type { BusEvent } from "../../server/realtime/bus.ts";
import { defaultLimits } from "../../server/services.ts";
import type { Guild, Message } from "../../server/wire/types.ts";
import { startTestApp, type TestApp, type TestClient } from "../support/app.ts";

let t: TestApp;
let c: TestClient;
let events: BusEvent[];

beforeEach(async () => {
  t = await startTestApp();
  c = t.client();
  events = [];
  t.services.bus.subscribe((e) => events.push(e));
});

afterEach(() => t.close());

type Session = { user: { id: string; username: string }; accessToken: string };

/** A guild owned by `owner` that `members` joined by invite; its text and voice channel. */
async function guild(owner: Session, ...members: Session[]) {
  const created = await c.post("/guilds", { name: "Guild" }, { token: owner.accessToken });
  const g = created.body as Guild;
  const invite = await c.post(`/guilds/${g.id}/invites`, {}, { token: owner.accessToken });
  for (const m of members) {
    const joined = await c.post(`/invites/${invite.body.code}`, undefined, {
      token: m.accessToken,
    });
    expect(joined.status).toBe(200);
  }
  events = [];
  return {
    guildId: g.id,
    channelId: g.channels.find((ch) => ch.type === "text")!.id,
    voiceId: g.channels.find((ch) => ch.type === "voice")!.id,
  };
}

const send = (s: Session, channelId: string, content: string, extra: object = {}) =>
  c.post(
    `/channels/${channelId}/messages`,
    { content, nonce: crypto.randomUUID(), ...extra },
    { token: s.accessToken },
  );
const history = (s: Session, channelId: string, query = "") =>
  c.get(`/channels/${channelId}/messages${query}`, { token: s.accessToken });
const contents = (ms: Message[]) => ms.map((m) => m.content);

test("a member sends a message that everyone in the guild reads, announced once", async () => {
  const alice = await c.register("alice");
  const bob = await c.register("bob");
  const { guildId, channelId } = await guild(alice, bob);
  const res = await send(alice, channelId, "  hello @bob  ");
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    channelId,
    guildId,
    content: "hello @bob",
    author: { id: alice.user.id, username: "alice" },
    mentions: [bob.user.id],
    reactions: [],
    attachments: [],
    pinned: false,
  });
  // Nothing to say is left out of the frame every member receives.
  for (const field of ["replyTo", "editedAt", "mentionEveryone"]) {
    expect(res.body).not.toHaveProperty(field);
  }
  expect((await history(bob, channelId)).body).toEqual([res.body]);
  expect(events.map((e) => [e.t, e.to])).toEqual([["MESSAGE_CREATE", { guildId, channelId }]]);
  expect(events[0].d).toEqual(res.body);
  const g = await c.get(`/guilds/${guildId}`, { token: bob.accessToken });
  expect(g.body.channels.find((ch: { id: string }) => ch.id === channelId).lastMessageId)
    .toBe(res.body.id);
});

test("the same nonce from the same author returns the first message with 200, never a copy", async () => {
  const alice = await c.register("alice");
  const { channelId } = await guild(alice);
  const body = { content: "once", nonce: "n-1" };
  const first = await c.post(`/channels/${channelId}/messages`, body, { token: alice.accessToken });
  const again = await c.post(`/channels/${channelId}/messages`, { ...body, content: "twice" }, {
    token: alice.accessToken,
  });
  expect(first.status).toBe(201);
  expect(again.status).toBe(200);
  expect(again.body).toEqual(first.body);
  const racing = await Promise.all(
    Array.from(
      { length: 5 },
      () =>
        c.post(`/channels/${channelId}/messages`, { content: "race", nonce: "n-2" }, {
          token: alice.accessToken,
        }),
    ),
  );
  expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
  expect(contents((await history(alice, channelId)).body)).toEqual(["race", "once"]);
  expect(events.filter((e) => e.t === "MESSAGE_CREATE")).toHaveLength(2);
});

test("content of 4001 characters is refused as too long and nothing is stored", async () => {
  const alice = await c.register("alice");
  const { channelId } = await guild(alice);
  const res = await send(alice, channelId, "x".repeat(4001));
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    type: "validation_failed",
    title: "Message is too long",
    detail: "content must be at most 4000 characters: got 4001",
  });
  expect((await send(alice, channelId, ` ${"y".repeat(4000)} `)).status).toBe(201);
  expect((await history(alice, channelId)).body).toHaveLength(1);
});

test("bad sends are refused with 400 and change nothing", async () => {
  const alice = await c.register("alice");
  const { channelId, voiceId } = await guild(alice);
  const bodies: object[] = [
    { content: "   ", nonce: "a" },
    { content: "hi", nonce: "" },
    { content: "hi", nonce: "n".repeat(65) },
    { content: "hi" },
    { content: 5, nonce: "a" },
    { content: "hi", nonce: "a", extra: true },
    { content: "hi", nonce: "a", replyToId: "not-an-id" },
    { content: "hi", nonce: "a", replyToId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" },
    { content: "hi", nonce: "a", attachmentIds: ["01ARZ3NDEKTSV4RRFFQ69G5FAV"] },
    { content: "x".repeat(20_000), nonce: "a" },
  ];
  for (const body of bodies) {
    const res = await c.post(`/channels/${channelId}/messages`, body, { token: alice.accessToken });
    expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  }
  const attach = await c.post(`/channels/${channelId}/messages`, bodies[8], {
    token: alice.accessToken,
  });
  expect(attach.body.detail).toMatch(/uploads are not available yet/);
  expect((await send(alice, voiceId, "hi")).status).toBe(400);
  expect((await history(alice, channelId)).body).toEqual([]);
  expect(events).toEqual([]);
});

test("a reply carries the message it answers; replying across channels is refused", async () => {
  const alice = await c.register("alice");
  const bob = await c.register("bob");
  const { channelId } = await guild(alice, bob);
  const { channelId: elsewhere } = await guild(alice);
  const question = await send(alice, channelId, "question?");
  const answer = await send(bob, channelId, "answer", { replyToId: question.body.id });
  expect(answer.status).toBe(201);
  expect(answer.body.replyTo).toEqual({
    id: question.body.id,
    author: question.body.author,
    content: "question?",
  });
  expect((await send(alice, elsewhere, "x", { replyToId: question.body.id })).status).toBe(400);
  // Once the question is deleted the answer still shows it was a reply, to nothing left.
  const path = `/channels/${channelId}/messages/${question.body.id}`;
  expect((await c.request("DELETE", path, undefined, { token: alice.accessToken })).status)
    .toBe(204);
  const [latest] = (await history(bob, channelId)).body;
  expect(latest.id).toBe(answer.body.id);
  expect(latest.replyTo).toBeNull();
});

test("history pages newest first with before and after, at most limit", async () => {
  const alice = await c.register("alice");
  const { channelId } = await guild(alice);
  const sent: Message[] = [];
  for (let i = 0; i < 7; i++) sent.push((await send(alice, channelId, `m${i}`)).body);
  expect(contents((await history(alice, channelId, "?limit=3")).body)).toEqual(["m6", "m5", "m4"]);
  expect(contents((await history(alice, channelId, `?before=${sent[4].id}&limit=2`)).body))
    .toEqual(["m3", "m2"]);
  expect(contents((await history(alice, channelId, `?after=${sent[1].id}&limit=2`)).body))
    .toEqual(["m3", "m2"]);
  expect(contents((await history(alice, channelId, `?after=${sent[4].id}`)).body))
    .toEqual(["m6", "m5"]);
  for (const q of ["?limit=0", "?limit=101", "?before=x", "?limit=abc", "?page=2"]) {
    expect((await history(alice, channelId, q)).status, q).toBe(400);
  }
});

test("history holds at most 100 per page and 50 by default", async () => {
  const alice = await c.register("alice");
  const { channelId } = await guild(alice);
  for (let i = 0; i < 120; i++) await send(alice, channelId, `m${i}`);
  expect((await history(alice, channelId)).body).toHaveLength(50);
  const page = (await history(alice, channelId, "?limit=100")).body;
  expect(page).toHaveLength(100);
  expect(page[0].content).toBe("m119");
});

test("non-members get 404 for everything in a guild channel and cause no events", async () => {
  const alice = await c.register("alice");
  const eve = await c.register("eve");
  const { guildId, channelId } = await guild(alice);
  const m = (await send(alice, channelId, "secret words")).body as Message;
  events = [];
  const token = eve.accessToken;
  const base = `/channels/${channelId}`;
  const attempts: [string, string, unknown?][] = [
    ["GET", `${base}/messages`],
    ["POST", `${base}/messages`, { content: "hi", nonce: "e" }],
    ["PATCH", `${base}/messages/${m.id}`, { content: "hacked" }],
    ["DELETE", `${base}/messages/${m.id}`],
    ["PUT", `${base}/messages/${m.id}/reactions/${encodeURIComponent("👍")}/@me`],
    ["DELETE", `${base}/messages/${m.id}/reactions/${encodeURIComponent("👍")}/@me`],
    ["PUT", `${base}/pins/${m.id}`],
    ["GET", `${base}/pins`],
    ["POST", `${base}/typing`],
    ["POST", `${base}/ack`, { messageId: m.id }],
    ["GET", `/guilds/${guildId}/messages/search?q=secret`],
  ];
  for (const [method, path, body] of attempts) {
    const res = await c.request(method, path, body, { token });
    expect(res.status, `${method} ${path}`).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("secret words");
  }
  expect(events).toEqual([]);
  expect((await history(alice, channelId)).body).toEqual([m]);
});

test("messaging needs a session", async () => {
  const alice = await c.register("alice");
  const { channelId } = await guild(alice);
  expect((await c.get(`/channels/${channelId}/messages`)).status).toBe(401);
  expect((await c.post(`/channels/${channelId}/messages`, { content: "x", nonce: "x" })).status)
    .toBe(401);
});

test("100 sends in a second are mostly refused with 429, and only the accepted are stored", async () => {
  await t.close();
  const limits = {
    ...defaultLimits(100),
    messageSend: { name: "message send", max: 10, windowMs: 5_000 },
  };
  t = await startTestApp({ limits });
  c = t.client();
  const alice = await c.register("alice");
  const { channelId } = await guild(alice);
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) => send(alice, channelId, `flood ${i}`)),
  );
  const accepted = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status === 429);
  expect(accepted).toHaveLength(10);
  expect(refused).toHaveLength(90);
  expect(Number(refused[0].headers.get("retry-after"))).toBeGreaterThan(0);
  const stored = (await history(alice, channelId, "?limit=100")).body as Message[];
  expect(stored.map((m) => m.id).sort()).toEqual(accepted.map((r) => r.body.id).sort());
  expect(new Set(stored.map((m) => m.content)).size).toBe(10);
  t.clock.advance(5_000);
  expect((await send(alice, channelId, "later")).status).toBe(201);
});
