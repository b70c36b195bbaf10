import { expect, test } from "vitest";
import { Permission as P } from "../../server/permissions/bits.ts";
import { type Session, useTestApp } from "../support/app.ts";

const ctx = useTestApp();
const DAY = 24 * 3600_000;

/** Moves the clock on and logs the users in again (access tokens follow the clock). */
async function advance(ms: number, ...sessions: Session[]) {
  ctx.t.clock.advance(ms);
  for (const s of sessions) {
    const res = await ctx.c.post("/auth/login", {
      login: s.user.username,
      password: "password123",
    });
    s.accessToken = res.body.accessToken;
  }
}

/** Alice owns the server; Mo holds a moderator role; Bob is a member. */
async function setup() {
  const c = ctx.t.client();
  const [alice, mo, bob] = [
    await c.register("alice"),
    await c.register("mo"),
    await c.register("bob"),
  ];
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.accessToken })).body;
  const text = g.channels.find((ch: { type: string }) => ch.type === "text").id;
  const invite = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  for (const s of [mo, bob]) {
    await c.post(`/invites/${invite.code}`, undefined, { token: s.accessToken });
  }
  const bits = P.MANAGE_MESSAGES | P.MODERATE_MEMBERS | P.KICK_MEMBERS | P.BAN_MEMBERS |
    P.MANAGE_GUILD;
  const role = await c.post(`/guilds/${g.id}/roles`, {
    name: "Moderators",
    permissions: String(bits),
    color: 0x3498db,
  }, { token: alice.accessToken });
  expect(role.status).toBe(201);
  const assigned = await c.patch(`/guilds/${g.id}/members/${mo.user.id}`, {
    roleIds: [role.body.id],
  }, { token: alice.accessToken });
  expect(assigned.status).toBe(200);
  const send = (s: Session, content: string) =>
    c.post(`/channels/${text}/messages`, { content, nonce: crypto.randomUUID() }, {
      token: s.accessToken,
    });
  return { c, g, text, alice, mo, bob, role: role.body, send };
}

test("a moderator deletes a message and times out a member, who can read but not send or react until it ends", async () => {
  const { c, g, text, mo, bob, send } = await setup();
  const rude = (await send(bob, "rude")).body;
  const reason = encodeURIComponent("spam in #general");
  const del = await c.request("DELETE", `/channels/${text}/messages/${rude.id}`, undefined, {
    token: mo.accessToken,
    headers: { "x-audit-log-reason": encodeURIComponent("rude words") },
  });
  expect(del.status).toBe(204);
  const until = new Date(ctx.t.clock.now() + 3600_000).toISOString();
  const timeout = await c.patch(`/guilds/${g.id}/members/${bob.user.id}`, { timeoutUntil: until }, {
    token: mo.accessToken,
    headers: { "x-audit-log-reason": reason },
  });
  expect(timeout.status).toBe(200);
  expect(timeout.body.timeoutUntil).toBe(until);

  const blocked = await send(bob, "let me talk");
  expect(blocked.status).toBe(403);
  expect(blocked.body.title).toBe("You are timed out");
  const mine = (await send(mo, "calm down")).body;
  const react = await c.request(
    "PUT",
    `/channels/${text}/messages/${mine.id}/reactions/${encodeURIComponent("👎")}/@me`,
    undefined,
    { token: bob.accessToken },
  );
  expect(react.status).toBe(403);
  const read = await c.get(`/channels/${text}/messages`, { token: bob.accessToken });
  expect(read.status).toBe(200);
  expect(read.body.map((m: { id: string }) => m.id)).toEqual([mine.id]);

  await advance(3600_000 + 1, bob, mo);
  expect((await send(bob, "sorry")).status).toBe(201);

  const log = await c.get(`/guilds/${g.id}/audit-log`, { token: mo.accessToken });
  expect(log.status).toBe(200);
  const [timeoutEntry, deleteEntry] = log.body;
  expect(timeoutEntry).toMatchObject({
    action: "member_timeout",
    actorId: mo.user.id,
    actor: { username: "mo" },
    targetId: bob.user.id,
    target: { username: "bob" },
    reason: "spam in #general",
    changes: [{ key: "timeoutUntil", old: null, new: until }],
  });
  expect(deleteEntry).toMatchObject({
    action: "message_delete",
    actorId: mo.user.id,
    targetId: bob.user.id,
    reason: "rude words",
    changes: [{ key: "channelId", new: text }, { key: "messageId", new: rude.id }],
  });
});

test("timeouts are refused for oneself, the owner, equal ranks and beyond 28 days", async () => {
  const { c, g, alice, mo, bob, role } = await setup();
  const at = (ms: number) => new Date(ctx.t.clock.now() + ms).toISOString();
  const patch = (target: string, body: unknown, token = mo.accessToken) =>
    c.patch(`/guilds/${g.id}/members/${target}`, body, { token });
  expect((await patch(mo.user.id, { timeoutUntil: at(60_000) })).status).toBe(403);
  expect((await patch(alice.user.id, { timeoutUntil: at(60_000) })).status).toBe(403);
  await patch(bob.user.id, { roleIds: [role.id] }, alice.accessToken);
  const equal = await patch(bob.user.id, { timeoutUntil: at(60_000) });
  expect(equal.status).toBe(403);
  expect(equal.body.detail).toBe("their highest role is not below yours");
  await patch(bob.user.id, { roleIds: [] }, alice.accessToken);
  expect((await patch(bob.user.id, { timeoutUntil: at(28 * DAY + 60_000) })).status).toBe(400);
  expect((await patch(bob.user.id, { timeoutUntil: at(-60_000) })).status).toBe(400);
  expect((await patch(bob.user.id, { timeoutUntil: "tomorrow" })).status).toBe(400);
  expect((await patch(bob.user.id, { timeoutUntil: at(28 * DAY) })).status).toBe(200);
  const lifted = await patch(bob.user.id, { timeoutUntil: null });
  expect(lifted.body.timeoutUntil).toBeNull();
});

test("kick and ban need a rank above the target; a ban can delete the last day's messages only", async () => {
  const { c, g, text, alice, mo, bob, send } = await setup();
  const old = (await send(bob, "two days old")).body;
  await advance(2 * DAY, alice, mo, bob);
  const recent = (await send(bob, "fresh spam")).body;
  const others = (await send(mo, "not bob's")).body;
  const put = (target: string, body: unknown, token: string) =>
    c.request("PUT", `/guilds/${g.id}/bans/${target}`, body, { token });
  expect((await put(alice.user.id, {}, mo.accessToken)).status).toBe(403);
  expect((await put(mo.user.id, {}, mo.accessToken)).status).toBe(403);
  expect((await put(alice.user.id, {}, alice.accessToken)).status).toBe(403);
  expect((await put(bob.user.id, { deleteMessageSeconds: 3600 }, mo.accessToken)).status).toBe(400);
  ctx.events.length = 0;
  const banned = await put(
    bob.user.id,
    { reason: "spam", deleteMessageSeconds: 86400 },
    mo.accessToken,
  );
  expect(banned.status).toBe(204);
  const ids = (await c.get(`/channels/${text}/messages`, { token: alice.accessToken })).body
    .map((m: { id: string }) => m.id);
  expect(ids).toEqual([others.id, old.id]);
  expect(ctx.events.filter((e) => e.t === "MESSAGE_DELETE").map((e) => (e.d as { id: string }).id))
    .toEqual([recent.id]);
  const log = (await c.get(`/guilds/${g.id}/audit-log`, { token: alice.accessToken })).body;
  expect(log.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
    "message_bulk_delete",
    "member_ban_add",
  ]);
  expect(log[1]).toMatchObject({ reason: "spam", targetId: bob.user.id });

  const kickOwner = await c.request(
    "DELETE",
    `/guilds/${g.id}/members/${alice.user.id}`,
    undefined,
    {
      token: mo.accessToken,
    },
  );
  expect(kickOwner.status).toBe(403);
});

test("deleting a message with a bad audit reason is a 400 problem and deletes nothing", async () => {
  const { c, g, text, mo, bob, send } = await setup();
  const rude = (await send(bob, "rude")).body;
  const path = `/channels/${text}/messages/${rude.id}`;
  for (const reason of ["x".repeat(513), "%E0%A4%A"]) {
    const refused = await c.request("DELETE", path, undefined, {
      token: mo.accessToken,
      headers: { "x-audit-log-reason": reason },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body.title).toBe("Audit log reason is invalid");
  }
  const history = await c.get(`/channels/${text}/messages`, { token: mo.accessToken });
  expect(history.body.map((m: { id: string }) => m.id)).toContain(rude.id);
  const log = await c.get(`/guilds/${g.id}/audit-log`, { token: mo.accessToken });
  expect(log.body.filter((e: { action: string }) => e.action === "message_delete")).toEqual([]);
});

test("a kick records the reason from the header or the query; bad reasons are 400 and change nothing", async () => {
  const { c, g, mo, bob } = await setup();
  const path = `/guilds/${g.id}/members/${bob.user.id}`;
  const long = await c.request("DELETE", path, undefined, {
    token: mo.accessToken,
    headers: { "x-audit-log-reason": "x".repeat(513) },
  });
  expect(long.status).toBe(400);
  const malformed = await c.request("DELETE", path, undefined, {
    token: mo.accessToken,
    headers: { "x-audit-log-reason": "%E0%A4%A" },
  });
  expect(malformed.status).toBe(400);
  expect((await c.get(`/guilds/${g.id}/members`, { token: mo.accessToken })).body).toHaveLength(3);
  const kicked = await c.request(
    "DELETE",
    `${path}?reason=${encodeURIComponent("flooding")}`,
    undefined,
    {
      token: mo.accessToken,
    },
  );
  expect(kicked.status).toBe(204);
  const [entry] =
    (await c.get(`/guilds/${g.id}/audit-log?limit=1`, { token: mo.accessToken })).body;
  expect(entry).toMatchObject({ action: "member_kick", reason: "flooding", targetId: bob.user.id });
});

test("the audit log pages newest first with before and limit, for MANAGE_GUILD only", async () => {
  const { c, g, alice, bob } = await setup();
  for (const topic of ["a", "b", "c"]) {
    await c.patch(`/guilds/${g.id}`, { name: `Name ${topic}` }, { token: alice.accessToken });
  }
  const all = (await c.get(`/guilds/${g.id}/audit-log`, { token: alice.accessToken })).body;
  expect(all[0]).toMatchObject({
    action: "guild_update",
    changes: [{ key: "name", old: "Name b", new: "Name c" }],
  });
  const page = await c.get(`/guilds/${g.id}/audit-log?before=${all[0].id}&limit=2`, {
    token: alice.accessToken,
  });
  expect(page.body).toEqual(all.slice(1, 3));
  expect((await c.get(`/guilds/${g.id}/audit-log`, { token: bob.accessToken })).status).toBe(403);
  expect((await c.get(`/guilds/${g.id}/audit-log?limit=101`, { token: alice.accessToken })).status)
    .toBe(400);
});

test("@everyone takes effect only with MENTION_EVERYONE", async () => {
  const { c, g, alice, bob, send } = await setup();
  expect((await send(bob, "@everyone look")).body).not.toHaveProperty("mentionEveryone");
  const everyone = (await c.get(`/guilds/${g.id}`, { token: alice.accessToken })).body.roles[0];
  await c.patch(`/guilds/${g.id}/roles/${g.id}`, {
    permissions: String(Number(everyone.permissions) | P.MENTION_EVERYONE),
  }, { token: alice.accessToken });
  expect((await send(bob, "@everyone look")).body.mentionEveryone).toBe(true);
});
