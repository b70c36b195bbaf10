import { expect, test } from "vitest";
import type { Guild, Message, ReadState } from "../../server/wire/types.ts";
import { type Session, useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** A guild of `owner` joined by `members`: its id and text channel. */
async function guild(owner: Session, ...members: Session[]) {
  const g = (await ctx.c.post("/guilds", { name: "Guild" }, { token: owner.accessToken }))
    .body as Guild;
  const invite = await ctx.c.post(`/guilds/${g.id}/invites`, {}, { token: owner.accessToken });
  for (const m of members) {
    await ctx.c.post(`/invites/${invite.body.code}`, undefined, { token: m.accessToken });
  }
  return { guildId: g.id, channelId: g.channels.find((ch) => ch.type === "text")!.id };
}

const send = (s: Session, channelId: string, content: string) =>
  ctx.c.post(`/channels/${channelId}/messages`, { content, nonce: crypto.randomUUID() }, {
    token: s.accessToken,
  });
const openDm = async (from: Session, to: Session): Promise<string> =>
  (await ctx.c.post("/users/@me/channels", { recipientId: to.user.id }, {
    token: from.accessToken,
  }))
    .body.id;
const readStates = (s: Session): Promise<ReadState[]> =>
  ctx.t.services.messages.readStates(s.user.id);
const search = (s: Session, guildId: string, query: string) =>
  ctx.c.get(`/guilds/${guildId}/messages/search?${query}`, { token: s.accessToken });

test("DM messages reach the two participants only", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const dm = await openDm(alice, bob);
  ctx.events = [];
  const res = await send(bob, dm, "hi alice");
  expect(res.status).toBe(201);
  expect(res.body.guildId).toBeUndefined();
  expect(ctx.events.map((e) => [e.t, e.to])).toEqual([
    ["MESSAGE_CREATE", { userIds: [alice.user.id, bob.user.id].sort() }],
  ]);
  const eve = await ctx.c.register("eve");
  expect((await ctx.c.get(`/channels/${dm}/messages`, { token: eve.accessToken })).status).toBe(
    404,
  );
  expect((await send(eve, dm, "let me in")).status).toBe(404);
});

test("a block stops DM sends both ways with 403", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const dm = await openDm(alice, bob);
  await ctx.c.request("PUT", `/users/@me/relationships/${bob.user.id}`, { type: "blocked" }, {
    token: alice.accessToken,
  });
  ctx.events = [];
  expect((await send(alice, dm, "hi")).status).toBe(403);
  expect((await send(bob, dm, "hi")).status).toBe(403);
  expect((await ctx.c.get(`/channels/${dm}/messages`, { token: bob.accessToken })).body).toEqual(
    [],
  );
  expect(ctx.events).toEqual([]);
});

test("`/w <username> <text>` in a guild channel becomes a DM, posting nothing in the channel", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const { channelId } = await guild(alice, bob);
  ctx.events = [];
  const res = await send(alice, channelId, "/w Bob psst, a secret");
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ content: "psst, a secret", author: { id: alice.user.id } });
  expect(res.body.channelId).not.toBe(channelId);
  const dms = (await ctx.c.get("/users/@me/channels", { token: bob.accessToken })).body;
  expect(dms.map((d: { id: string }) => d.id)).toEqual([res.body.channelId]);
  const inDm = await ctx.c.get(`/channels/${res.body.channelId}/messages`, {
    token: bob.accessToken,
  });
  expect(inDm.body).toEqual([res.body]);
  expect((await ctx.c.get(`/channels/${channelId}/messages`, { token: bob.accessToken })).body)
    .toEqual([]);
  const created = ctx.events.filter((e) => e.t === "MESSAGE_CREATE");
  expect(created.map((e) => e.to)).toEqual([{ userIds: [alice.user.id, bob.user.id].sort() }]);
});

test("whispers to nobody, to oneself or without text are refused", async () => {
  const alice = await ctx.c.register("alice");
  const { channelId } = await guild(alice);
  const cases: [string, number][] = [
    ["/w nobody hello", 404],
    ["/w Bad!Name hello", 404],
    ["/w alice hello", 400],
    ["/w alice", 400],
    ["/w", 400],
  ];
  await ctx.c.register("bob");
  cases.push(["/w bob   ", 400]);
  for (const [content, status] of cases) {
    expect((await send(alice, channelId, content)).status, content).toBe(status);
  }
  expect((await ctx.c.get("/users/@me/channels", { token: alice.accessToken })).body).toEqual([]);
  expect((await ctx.c.get(`/channels/${channelId}/messages`, { token: alice.accessToken })).body)
    .toEqual([]);
});

test("mentions count up per user until they ack, and the ack reaches their other devices", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const { channelId } = await guild(alice, bob);
  const first = (await send(alice, channelId, "hey @bob")).body as Message;
  await send(alice, channelId, "no mention");
  const third = (await send(alice, channelId, "@bob again")).body as Message;
  await send(bob, channelId, "@alice hi");
  expect(await readStates(bob)).toEqual([{ channelId, lastReadId: null, mentionCount: 2 }]);
  ctx.events = [];
  const ack = await ctx.c.post(`/channels/${channelId}/ack`, { messageId: first.id }, {
    token: bob.accessToken,
  });
  expect(ack.status).toBe(204);
  const state = { channelId, lastReadId: first.id, mentionCount: 1 };
  expect(await readStates(bob)).toEqual([state]);
  expect(ctx.events).toEqual([{
    t: "READ_STATE_UPDATE",
    d: state,
    to: { userIds: [bob.user.id] },
  }]);
  await ctx.c.post(`/channels/${channelId}/ack`, { messageId: third.id }, {
    token: bob.accessToken,
  });
  await ctx.c.post(`/channels/${channelId}/ack`, { messageId: first.id }, {
    token: bob.accessToken,
  });
  expect(await readStates(bob)).toEqual([{ channelId, lastReadId: third.id, mentionCount: 0 }]);
  const bad = await ctx.c.post(`/channels/${channelId}/ack`, { messageId: "nope" }, {
    token: bob.accessToken,
  });
  expect(bad.status).toBe(400);
});

test("@everyone from the owner counts for every member but the author", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const carol = await ctx.c.register("carol");
  const { channelId } = await guild(alice, bob, carol);
  const res = await send(alice, channelId, "@everyone meeting now");
  expect(res.body.mentionEveryone).toBe(true);
  const fromBob = await send(bob, channelId, "@everyone me too");
  expect(fromBob.body).not.toHaveProperty("mentionEveryone");
  expect((await readStates(carol))[0].mentionCount).toBe(1);
  expect((await readStates(bob))[0].mentionCount).toBe(1);
  expect(await readStates(alice)).toEqual([]);
});

test("mentions of users who cannot see the channel are not recorded", async () => {
  const alice = await ctx.c.register("alice");
  const eve = await ctx.c.register("eve");
  const { channelId } = await guild(alice);
  const res = await send(alice, channelId, "hi @eve and @ghost");
  expect(res.body.mentions).toEqual([]);
  expect(await readStates(eve)).toEqual([]);
});

test("search finds messages holding every word, filtered by channel and author", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const { guildId, channelId } = await guild(alice, bob);
  const other = (await ctx.c.post(`/guilds/${guildId}/channels`, { name: "ops", type: "text" }, {
    token: alice.accessToken,
  })).body.id as string;
  await send(alice, channelId, "Deploy the API today");
  await send(bob, channelId, "the api is down");
  await send(bob, other, "deploy API tomorrow!");
  await send(alice, other, "lunch?");
  const words = await search(bob, guildId, "q=api%20DEPLOY");
  expect(words.status).toBe(200);
  expect(words.body.total).toBe(2);
  expect(words.body.messages.map((m: Message) => m.content)).toEqual([
    "deploy API tomorrow!",
    "Deploy the API today",
  ]);
  const inChannel = await search(bob, guildId, `q=api&channelId=${channelId}`);
  expect(inChannel.body.messages.map((m: Message) => m.content)).toEqual([
    "the api is down",
    "Deploy the API today",
  ]);
  const byBob = await search(alice, guildId, `q=api&authorId=${bob.user.id}&limit=1`);
  expect(byBob.body).toMatchObject({ total: 2, messages: [{ content: "deploy API tomorrow!" }] });
  expect((await search(alice, guildId, "q=nothing")).body).toEqual({ total: 0, messages: [] });
});

test("search counts and pages only channels the searcher may view", async () => {
  const alice = await ctx.c.register("alice");
  const bob = await ctx.c.register("bob");
  const { guildId, channelId } = await guild(alice, bob);
  const hidden = (await ctx.c.post(`/guilds/${guildId}/channels`, { name: "staff", type: "text" }, {
    token: alice.accessToken,
  })).body.id as string;
  const hide = await ctx.c.request("PUT", `/channels/${hidden}/permissions/${bob.user.id}`, {
    type: "member",
    allow: "0",
    deny: "1",
  }, { token: alice.accessToken });
  expect(hide.status).toBe(204);
  await send(alice, channelId, "release notes");
  await send(alice, channelId, "release party");
  for (const n of [1, 2, 3]) await send(alice, hidden, `release blocker ${n}`);
  // The newest matches are hidden from Bob: his page of two is still full, and they are not counted.
  const forBob = await search(bob, guildId, "q=release&limit=2");
  expect(forBob.body.total).toBe(2);
  expect(forBob.body.messages.map((m: Message) => m.content)).toEqual([
    "release party",
    "release notes",
  ]);
  expect((await search(alice, guildId, "q=release&limit=2")).body.total).toBe(5);
});

test("search refuses queries without words or with too many, and hides guilds from outsiders", async () => {
  const alice = await ctx.c.register("alice");
  const eve = await ctx.c.register("eve");
  const { guildId, channelId } = await guild(alice);
  await send(alice, channelId, "secret plan");
  const many = Array.from({ length: 11 }, (_, i) => `word${i}`).join("+");
  for (const q of ["q=a", "q=", `q=${many}`, "q=x&page=2", "q=plan&limit=500"]) {
    expect((await search(alice, guildId, q)).status, q).toBe(400);
  }
  const { channelId: foreign } = await guild(eve);
  expect((await search(alice, guildId, `q=plan&channelId=${foreign}`)).status).toBe(404);
  expect((await search(eve, guildId, "q=secret")).status).toBe(404);
});
