/**
 * When no push is sent: muted channels and servers, `@everyone` turned off
 * for a server, and users looking at the app. Each case then sends
 * something that does push, and checks it is the only push that came.
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

const NONE = {
  mutedGuildIds: [] as string[],
  mutedChannelIds: [] as string[],
  suppressEveryoneGuildIds: [] as string[],
};

async function settings(account: Account, patch: Partial<typeof NONE>) {
  const res = await app.api(
    "PUT",
    "/users/@me/notification-settings",
    { ...NONE, ...patch },
    account.accessToken,
  );
  expect(res.status).toBe(200);
}

/** Sends a DM that must push, and checks it is the only push bob's phone received. */
async function onlyTheNextDmArrives(keys: Awaited<ReturnType<typeof subscribe>>) {
  await app.services.push.notifier.settle();
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "this one counts");
  const push = await service.next("bob-phone");
  expect((await open(keys, push)).body).toBe("this one counts");
  expect(pushesTo(service, "bob-phone")).toHaveLength(1);
}

test("a muted DM channel sends no push; unmuting brings them back", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const channelId = await dm(app, alice, bob);
  await settings(bob, { mutedChannelIds: [channelId] });
  await say(app, alice, channelId, "muted words");
  await app.services.push.notifier.settle();
  await settings(bob, {});
  await onlyTheNextDmArrives(keys);
});

test("a muted server sends no push for mentions or replies in it", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const { guildId, channelId } = await guildWith(app, alice, [bob]);
  await settings(bob, { mutedGuildIds: [guildId] });
  const bobs = await say(app, bob, channelId, "my message");
  await say(app, alice, channelId, "@bob hello");
  await say(app, alice, channelId, "a reply", { replyToId: bobs.id });
  await onlyTheNextDmArrives(keys);
});

test("a muted channel of a server sends no push for a mention in it", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const { channelId } = await guildWith(app, alice, [bob]);
  await settings(bob, { mutedChannelIds: [channelId] });
  await say(app, alice, channelId, "@bob hello");
  await onlyTheNextDmArrives(keys);
});

test("@everyone does not push where the user turned it off; a direct mention still does", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const { guildId, channelId } = await guildWith(app, alice, [bob]);
  await settings(bob, { suppressEveryoneGuildIds: [guildId] });
  await say(app, alice, channelId, "@everyone party");
  await app.services.push.notifier.settle();
  await say(app, alice, channelId, "@everyone and @bob especially");
  const push = await service.next("bob-phone");
  expect((await open(keys, push)).body).toBe("@everyone and @bob especially");
  expect(pushesTo(service, "bob-phone")).toHaveLength(1);
});

test("@everyone in a channel the user may not view sends them no push", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const { channelId } = await guildWith(app, alice, [bob]);
  const hide = await app.api(
    "PUT",
    `/channels/${channelId}/permissions/${bob.user.id}`,
    { type: "member", allow: "0", deny: "1" },
    alice.accessToken,
  );
  expect(hide.status, JSON.stringify(hide.body)).toBe(204);
  await say(app, alice, channelId, "@everyone secret plans");
  await onlyTheNextDmArrives(keys);
});

/** Sends `focused` and waits until the gateway has handled it (frames are handled in order). */
async function reportFocus(socket: Awaited<ReturnType<PushTestApp["connect"]>>, focused: boolean) {
  const from = socket.frames.length;
  socket.send({ op: "focus", d: { focused } });
  socket.send({ op: "heartbeat", d: null });
  await socket.waitFor((f) => f.op === "heartbeat_ack", from);
}

test("no push while the user has the app focused; after blur they come back", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const socket = await app.connect(bob.accessToken);
  await reportFocus(socket, true);
  const channelId = await dm(app, alice, bob);
  await say(app, alice, channelId, "you are looking at it");
  await app.services.push.notifier.settle();
  await reportFocus(socket, false);
  await onlyTheNextDmArrives(keys);
  socket.ws.close();
});

test("a focused client that disconnects no longer holds pushes back", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const socket = await app.connect(bob.accessToken);
  await reportFocus(socket, true);
  expect(await app.services.push.focus.hasFocusedClient(bob.user.id)).toBe(true);
  socket.ws.close();
  await socket.closed;
  await eventuallyUnfocused(bob);
  await onlyTheNextDmArrives(keys);
});

async function eventuallyUnfocused(account: Account) {
  const deadline = Date.now() + 5000;
  while (await app.services.push.focus.hasFocusedClient(account.user.id)) {
    if (Date.now() > deadline) throw new Error("still focused 5 s after the socket closed");
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("events that another instance published are pushed there, not here", async () => {
  const keys = await subscribe(app, service, bob, "bob-phone");
  const channelId = await dm(app, alice, bob);
  const message = await say(app, alice, channelId, "pushed once, by its own instance");
  await service.next("bob-phone");
  await app.services.bus.publish({
    t: "MESSAGE_CREATE",
    d: message,
    to: { userIds: [alice.user.id, bob.user.id] },
    origin: "another-instance",
  });
  await app.services.push.notifier.settle();
  await say(app, alice, channelId, "second");
  const second = await service.next("bob-phone", 1);
  expect((await open(keys, second)).body).toBe("second");
  expect(pushesTo(service, "bob-phone")).toHaveLength(2);
});
