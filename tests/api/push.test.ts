/**
 * Web push delivery, end to end: the app encrypts and sends to a local
 * HTTPS stand-in for the push service, and the test decrypts with the
 * subscription keys it holds, as the browser would.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { type Account, type PushTestApp, startPushTestApp } from "../support/webpush_app.ts";
import { type FakePushService, startFakePushService } from "../support/webpush_service.ts";
import { dm, guildWith, open, pushesTo, say, subscribe } from "./push_helpers.ts";

let service: FakePushService;
let app: PushTestApp;
let alice: Account, bob: Account;

beforeEach(async () => {
  service = await startFakePushService();
  app = await startPushTestApp({ agent: service.agent });
  alice = await app.register("alice");
  bob = await app.register("bob");
});

afterEach(async () => {
  await app.close();
  await service.close();
});

test("a DM reaches the recipient's device encrypted, with title, body, URL and tag", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "Hello Bob, are you there?");
  const push = await service.next("bob-phone");
  expect(push.headers.get("content-encoding")).toBe("aes128gcm");
  expect(push.headers.get("ttl")).toBe("86400");
  expect(push.headers.get("urgency")).toBe("high");
  expect(push.headers.get("authorization")).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
  const payload = await open(keys, push);
  expect(payload).toMatchObject({
    title: "alice",
    body: "Hello Bob, are you there?",
    url: `/app#/channels/@me/${channelId}`,
    tag: `ch:${channelId}`,
    channelId,
    author: { id: alice.user.id, name: "alice" },
    badge: 0,
    close: [],
  });
});

test("every device of the recipient gets the push; a long text is cut short", async () => {
  const phone = await subscribe(app, service, bob, "bob-phone");
  const laptop = await subscribe(app, service, bob, "bob-laptop");
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "word ".repeat(100));
  const [a, b] = await Promise.all([service.next("bob-phone"), service.next("bob-laptop")]);
  const body = (await open(phone, a)).body;
  expect(body.length).toBeLessThanOrEqual(120);
  expect(body.endsWith("…")).toBe(true);
  expect((await open(laptop, b)).body).toBe(body);
});

test("the sender never gets a push of their own message", async () => {
  await subscribe(app, service, alice, "alice-laptop");
  await subscribe(app, service, bob, "bob-phone");
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "from alice");
  await app.services.push.notifier.settle();
  await say(app, bob, channelId, "from bob");
  await service.next("alice-laptop");
  await service.next("bob-phone");
  expect(pushesTo(service, "alice-laptop")).toHaveLength(1);
  expect(pushesTo(service, "bob-phone")).toHaveLength(1);
});

test("a push service answering 410 makes the subscription go away", async () => {
  await subscribe(app, service, bob, "bob-phone");
  service.answer("bob-phone", 410);
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "anyone?");
  await service.next("bob-phone");
  await eventually(async () =>
    (await app.services.store.pushSubscriptions.listByUser(bob.user.id)).length === 0
  );
  const gone = await app.api(
    "DELETE",
    "/push/subscriptions",
    { endpoint: service.endpoint("bob-phone") },
    bob.accessToken,
  );
  expect(gone.status).toBe(404);
});

test("a push service answering 500 is retried and the push delivered once", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  service.answer("bob-phone", 500, 503);
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "third time lucky");
  await service.next("bob-phone", 2);
  const bodies = await Promise.all(pushesTo(service, "bob-phone").map((p) => open(keys, p)));
  expect(bodies.map((b) => b.body)).toEqual(Array(3).fill("third time lucky"));
  await app.services.push.notifier.settle();
  await say(app, alice, channelId, "and then");
  await service.next("bob-phone", 3);
  const all = await Promise.all(pushesTo(service, "bob-phone").map((p) => open(keys, p)));
  expect(all.map((b) => b.body)).toEqual([...Array(3).fill("third time lucky"), "and then"]);
});

test("a push service that hangs neither blocks the send nor stops the retry", async () => {
  await app.close();
  app = await startPushTestApp({ agent: service.agent, timeoutMs: 300 });
  alice = await app.register("alice");
  bob = await app.register("bob");
  const keys = await subscribe(app, service, bob, "bob-phone");
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  service.answer("bob-phone", { holdUntil: held, status: 201 });
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "still there?");
  await service.next("bob-phone");
  const retried = await service.next("bob-phone", 1);
  release();
  expect((await open(keys, retried)).body).toBe("still there?");
});

test("mentions, replies and @everyone reach members; others in the channel get nothing", async () => {
  const carol = await app.register("carol");
  const dave = await app.register("dave");
  const { guildId, channelId } = await guildWith(app, alice, [bob, carol, dave]);
  const bobKeys = await subscribe(app, service, bob, "bob-phone");
  const carolKeys = await subscribe(app, service, carol, "carol-phone");
  await subscribe(app, service, dave, "dave-phone");
  await say(app, alice, channelId, "just chatting");
  const carols = await say(app, carol, channelId, "a question");
  await app.services.push.notifier.settle();
  await say(app, alice, channelId, "hey @bob look");
  const mention = await open(bobKeys, await service.next("bob-phone"));
  expect(mention).toMatchObject({
    title: "alice (#general, Lounge)",
    body: "hey @bob look",
    url: `/app#/channels/${guildId}/${channelId}`,
    tag: `ch:${channelId}`,
    badge: 1,
  });
  await say(app, alice, channelId, "an answer", { replyToId: carols.id });
  expect((await open(carolKeys, await service.next("carol-phone"))).body).toBe("an answer");
  await app.services.push.notifier.settle();
  await say(app, alice, channelId, "@everyone meeting now");
  await Promise.all([
    service.next("dave-phone"),
    service.next("bob-phone", service.received.length),
    service.next("carol-phone", service.received.length),
  ]);
  expect(pushesTo(service, "dave-phone")).toHaveLength(1);
  expect(pushesTo(service, "bob-phone")).toHaveLength(2);
  expect(pushesTo(service, "carol-phone")).toHaveLength(2);
});

test("a friend request is pushed in the recipient's language with normal urgency", async () => {
  await app.api("PATCH", "/users/@me", { locale: "ru" }, bob.accessToken);
  const keys = await subscribe(app, service, bob, "bob-phone");
  await app.api("POST", "/users/@me/relationships", { username: "bob" }, alice.accessToken);
  const push = await service.next("bob-phone");
  expect(push.headers.get("urgency")).toBe("normal");
  expect(await open(keys, push)).toMatchObject({
    title: "Запрос в друзья",
    body: "alice (@alice) хочет дружить",
    url: "/app#/friends/pending",
    tag: "friends",
  });
});

test("the badge counts unread mentions and read conversations are closed on the next push", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const { channelId } = await guildWith(app, alice, [bob]);
  await say(app, alice, channelId, "@bob one");
  await service.next("bob-phone");
  const second = await say(app, alice, channelId, "@bob two");
  expect((await open(keys, await service.next("bob-phone", 1))).badge).toBe(2);
  const ack = await app.api(
    "POST",
    `/channels/${channelId}/ack`,
    { messageId: second.id },
    bob.accessToken,
  );
  expect(ack.status).toBe(204);
  const dmId = await dm(app, alice, bob);
  await say(app, alice, dmId, "psst");
  const next = await open(keys, await service.next("bob-phone", 2));
  expect(next).toMatchObject({ body: "psst", badge: 0, close: [`ch:${channelId}`] });
});

/** Waits until `check` holds (the app works in the background), failing after 10 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met within 10 s");
    await new Promise((r) => setTimeout(r, 20));
  }
}
