import { expect, test } from "vitest";
import type { Guild, Message } from "../../server/wire/types.ts";
import { type Session, useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** A guild of `owner` with `members` joined, a message by each of them, and no ctx.events yet. */
async function setup() {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const g = (await ctx.c.post("/guilds", { name: "Guild" }, { token: alice.accessToken }))
    .body as Guild;
  const invite = await ctx.c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken });
  await ctx.c.post(`/invites/${invite.body.code}`, undefined, { token: bob.accessToken });
  const channelId = g.channels.find((ch) => ch.type === "text")!.id;
  const byAlice = (await send(alice, channelId, "from alice")).body as Message;
  const byBob = (await send(bob, channelId, "from bob")).body as Message;
  ctx.events = [];
  return { alice, bob, guildId: g.id, channelId, byAlice, byBob };
}

const send = (s: Session, channelId: string, content: string) =>
  ctx.c.post(`/channels/${channelId}/messages`, { content, nonce: crypto.randomUUID() }, {
    token: s.accessToken,
  });
const react = (method: "PUT" | "DELETE", s: Session, m: Message, emoji: string) =>
  ctx.c.request(
    method,
    `/channels/${m.channelId}/messages/${m.id}/reactions/${encodeURIComponent(emoji)}/@me`,
    undefined,
    { token: s.accessToken },
  );
const fetchOne = async (s: Session, m: Message): Promise<Message> =>
  ((await ctx.c.get(`/channels/${m.channelId}/messages`, { token: s.accessToken }))
    .body as Message[])
    .find((x) => x.id === m.id)!;

test("the author edits a message: content, mentions and editedAt change, and all are told", async () => {
  const { alice, bob, guildId, channelId, byAlice } = await setup();
  ctx.t.clock.advance(60_000);
  const res = await ctx.c.patch(`/channels/${channelId}/messages/${byAlice.id}`, {
    content: " now with @bob ",
  }, { token: alice.accessToken });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    id: byAlice.id,
    content: "now with @bob",
    mentions: [bob.user.id],
  });
  expect(Date.parse(res.body.editedAt)).toBeGreaterThan(Date.parse(byAlice.createdAt));
  expect(await fetchOne(bob, byAlice)).toEqual(res.body);
  expect(ctx.events.map((e) => [e.t, e.to])).toEqual([["MESSAGE_UPDATE", { guildId, channelId }]]);
});

test("editing someone else's message is forbidden; bad edits are refused; nothing changes", async () => {
  const { alice, channelId, byBob, byAlice } = await setup();
  const path = `/channels/${channelId}/messages`;
  const token = alice.accessToken;
  expect((await ctx.c.patch(`${path}/${byBob.id}`, { content: "mine now" }, { token })).status)
    .toBe(403);
  const tooLong = await ctx.c.patch(`${path}/${byAlice.id}`, { content: "x".repeat(4001) }, {
    token,
  });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.title).toBe("Message is too long");
  for (const body of [{ content: "" }, { content: "ok", pinned: true }, {}]) {
    expect((await ctx.c.patch(`${path}/${byAlice.id}`, body, { token })).status).toBe(400);
  }
  expect(
    (await ctx.c.patch(`${path}/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { content: "x" }, { token })).status,
  )
    .toBe(404);
  expect((await fetchOne(alice, byBob)).content).toBe("from bob");
  expect((await fetchOne(alice, byAlice)).content).toBe("from alice");
  expect(ctx.events).toEqual([]);
});

test("the author or the guild owner deletes a message; other members may not", async () => {
  const { alice, bob, guildId, channelId, byAlice, byBob } = await setup();
  const path = `/channels/${channelId}/messages`;
  const bobsTry = await ctx.c.request("DELETE", `${path}/${byAlice.id}`, undefined, {
    token: bob.accessToken,
  });
  expect(bobsTry.status).toBe(403);
  const own = await ctx.c.request("DELETE", `${path}/${byBob.id}`, undefined, {
    token: bob.accessToken,
  });
  expect(own.status).toBe(204);
  const third = (await send(bob, channelId, "third")).body as Message;
  ctx.events = [];
  const owner = await ctx.c.request("DELETE", `${path}/${third.id}`, undefined, {
    token: alice.accessToken,
  });
  expect(owner.status).toBe(204);
  const again = await ctx.c.request("DELETE", `${path}/${third.id}`, undefined, {
    token: alice.accessToken,
  });
  expect(again.status).toBe(404);
  const left = (await ctx.c.get(path, { token: bob.accessToken })).body as Message[];
  expect(left.map((m) => m.id)).toEqual([byAlice.id]);
  expect(ctx.events).toEqual([{
    t: "MESSAGE_DELETE",
    d: { id: third.id, channelId, guildId },
    to: { guildId, channelId },
  }]);
});

test("reactions count each user once and show `me` to the reactor only", async () => {
  const { alice, bob, guildId, channelId, byAlice } = await setup();
  expect((await react("PUT", alice, byAlice, "👍")).status).toBe(204);
  expect((await react("PUT", alice, byAlice, "👍")).status).toBe(204);
  expect((await react("PUT", bob, byAlice, "👍")).status).toBe(204);
  expect((await react("PUT", bob, byAlice, "🇺🇦")).status).toBe(204);
  expect((await fetchOne(alice, byAlice)).reactions).toEqual([
    { emoji: "👍", count: 2, me: true },
    { emoji: "🇺🇦", count: 1, me: false },
  ]);
  expect((await react("DELETE", bob, byAlice, "👍")).status).toBe(204);
  expect((await react("DELETE", bob, byAlice, "👍")).status).toBe(204);
  expect((await fetchOne(bob, byAlice)).reactions).toEqual([
    { emoji: "👍", count: 1, me: false },
    { emoji: "🇺🇦", count: 1, me: true },
  ]);
  expect(ctx.events.map((e) => e.t)).toEqual([
    "MESSAGE_REACTION_ADD",
    "MESSAGE_REACTION_ADD",
    "MESSAGE_REACTION_ADD",
    "MESSAGE_REACTION_REMOVE",
  ]);
  expect(ctx.events[0]).toEqual({
    t: "MESSAGE_REACTION_ADD",
    d: { channelId, guildId, messageId: byAlice.id, userId: alice.user.id, emoji: "👍" },
    to: { guildId, channelId },
  });
});

test("reactions on a deleted message are 404; emoji that are not emoji are 400", async () => {
  const { alice, byAlice, byBob } = await setup();
  await ctx.c.request(
    "DELETE",
    `/channels/${byAlice.channelId}/messages/${byAlice.id}`,
    undefined,
    {
      token: alice.accessToken,
    },
  );
  ctx.events = [];
  expect((await react("PUT", alice, byAlice, "👍")).status).toBe(404);
  expect((await react("DELETE", alice, byAlice, "👍")).status).toBe(404);
  for (const emoji of ["a", "<b>", "👍x", "👍".repeat(17), "$ne"]) {
    expect((await react("PUT", alice, byBob, emoji)).status, emoji).toBe(400);
  }
  expect((await fetchOne(alice, byBob)).reactions).toEqual([]);
  expect(ctx.events).toEqual([]);
});

test("the owner pins and unpins; pins list newest first; members may not pin", async () => {
  const { alice, bob, guildId, channelId, byAlice, byBob } = await setup();
  const pin = (s: Session, method: "PUT" | "DELETE", m: Message) =>
    ctx.c.request(method, `/channels/${channelId}/pins/${m.id}`, undefined, {
      token: s.accessToken,
    });
  expect((await pin(bob, "PUT", byBob)).status).toBe(403);
  expect((await pin(alice, "PUT", byAlice)).status).toBe(204);
  expect((await pin(alice, "PUT", byBob)).status).toBe(204);
  expect((await pin(alice, "PUT", byBob)).status).toBe(204);
  const pins = await ctx.c.get(`/channels/${channelId}/pins`, { token: bob.accessToken });
  expect(pins.body.map((m: Message) => [m.id, m.pinned])).toEqual([
    [byBob.id, true],
    [byAlice.id, true],
  ]);
  expect((await pin(alice, "DELETE", byBob)).status).toBe(204);
  const after = await ctx.c.get(`/channels/${channelId}/pins`, { token: bob.accessToken });
  expect(after.body.map((m: Message) => m.id)).toEqual([byAlice.id]);
  expect(ctx.events.filter((e) => e.t === "CHANNEL_PINS_UPDATE")).toEqual(
    Array(3).fill({
      t: "CHANNEL_PINS_UPDATE",
      d: { channelId, guildId },
      to: { guildId, channelId },
    }),
  );
  expect((await pin(alice, "PUT", { ...byAlice, id: "01ARZ3NDEKTSV4RRFFQ69G5FAV" })).status)
    .toBe(404);
});

test("typing is announced to the channel with who and when", async () => {
  const { bob, guildId, channelId } = await setup();
  const res = await ctx.c.post(`/channels/${channelId}/typing`, undefined, {
    token: bob.accessToken,
  });
  expect(res.status).toBe(204);
  expect(ctx.events).toEqual([{
    t: "TYPING_START",
    d: {
      channelId,
      guildId,
      userId: bob.user.id,
      timestamp: new Date(ctx.t.clock.now()).toISOString(),
    },
    to: { guildId, channelId },
  }]);
});
