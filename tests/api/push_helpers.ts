/** Shared steps of the push suites: subscribing with keys the test holds, DMs, guilds. */
import { expect } from "vitest";
import type { PushPayload } from "../../server/push/payload.ts";
import { type BrowserKeys, browserKeys, decryptPush } from "../support/webpush_decrypt.ts";
import type { FakePushService, ReceivedPush } from "../support/webpush_service.ts";
import type { Account, PushTestApp } from "../support/webpush_app.ts";

/** Subscribes `account` as device `name` of the push service; returns the device's keys. */
export async function subscribe(
  app: PushTestApp,
  service: FakePushService,
  account: Account,
  name: string,
): Promise<BrowserKeys> {
  const keys = await browserKeys();
  const res = await app.api("POST", "/push/subscriptions", {
    endpoint: service.endpoint(name),
    expirationTime: null,
    keys: keys.json,
  }, account.accessToken);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return keys;
}

/** The decrypted JSON of a received push. */
export async function open(keys: BrowserKeys, push: ReceivedPush): Promise<PushPayload> {
  return JSON.parse(await decryptPush(keys, push.body));
}

/** The DM channel id between two users. */
export async function dm(app: PushTestApp, from: Account, to: Account): Promise<string> {
  const res = await app.api(
    "POST",
    "/users/@me/channels",
    { recipientId: to.user.id },
    from.accessToken,
  );
  return res.body.id;
}

/** Posts a message and returns it (201 expected). */
export async function say(
  app: PushTestApp,
  from: Account,
  channelId: string,
  content: string,
  extra: Record<string, unknown> = {},
) {
  const res = await app.api("POST", `/channels/${channelId}/messages`, {
    content,
    nonce: crypto.randomUUID(),
    ...extra,
  }, from.accessToken);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A guild of `owner` with `members` joined through an invite; its ids. */
export async function guildWith(app: PushTestApp, owner: Account, members: Account[]) {
  const guild = (await app.api("POST", "/guilds", { name: "Lounge" }, owner.accessToken)).body;
  const channelId = guild.channels.find((c: { type: string }) => c.type === "text").id;
  const invite = (await app.api("POST", `/guilds/${guild.id}/invites`, {}, owner.accessToken))
    .body;
  for (const m of members) {
    await app.api("POST", `/invites/${invite.code}`, undefined, m.accessToken);
  }
  return { guildId: guild.id as string, channelId: channelId as string };
}

/** Every push received for device `name`. */
export function pushesTo(service: FakePushService, name: string): ReceivedPush[] {
  return service.received.filter((r) => r.name === name);
}
