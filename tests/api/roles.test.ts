import { expect, test } from "vitest";
import {
  ALL_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  Permission as P,
} from "../../server/permissions/bits.ts";
import { useTestApp } from "../support/app.ts";

const ctx = useTestApp();

/** Alice owns the server; Mo manages roles from the "Managers" role; Bob is a member. */
async function setup() {
  const c = ctx.t.client();
  const [alice, mo, bob, eve] = [
    await c.register("alice"),
    await c.register("mo"),
    await c.register("bob"),
    await c.register("eve"),
  ];
  const g = (await c.post("/guilds", { name: "A" }, { token: alice.accessToken })).body;
  const invite = (await c.post(`/guilds/${g.id}/invites`, {}, { token: alice.accessToken })).body;
  for (const s of [mo, bob]) {
    await c.post(`/invites/${invite.code}`, undefined, { token: s.accessToken });
  }
  const managers = (await c.post(`/guilds/${g.id}/roles`, {
    name: "Managers",
    permissions: String(P.MANAGE_ROLES | P.MANAGE_CHANNELS | P.KICK_MEMBERS),
  }, { token: alice.accessToken })).body;
  await c.patch(`/guilds/${g.id}/members/${mo.user.id}`, { roleIds: [managers.id] }, {
    token: alice.accessToken,
  });
  const other = (await c.post("/guilds", { name: "Other" }, { token: eve.accessToken })).body;
  ctx.events.length = 0;
  return { c, g, alice, mo, bob, managers, other };
}

test("a new role lands just above @everyone, the others move up, and every member hears of it", async () => {
  const { c, g, mo, managers } = await setup();
  const res = await c.post(`/guilds/${g.id}/roles`, { name: "Helpers", color: 0x00ff00 }, {
    token: mo.accessToken,
  });
  expect(res.status).toBe(201);
  expect(res.body).toEqual({
    id: expect.any(String),
    name: "Helpers",
    color: 0x00ff00,
    position: 1,
    permissions: "0",
  });
  const roles = (await c.get(`/guilds/${g.id}`, { token: mo.accessToken })).body.roles;
  expect(roles.map((r: { name: string; position: number }) => [r.name, r.position])).toEqual([
    ["@everyone", 0],
    ["Helpers", 1],
    ["Managers", 2],
  ]);
  expect(ctx.events.map((e) => e.t)).toEqual(["GUILD_ROLE_UPDATE", "GUILD_ROLE_CREATE"]);
  expect(ctx.events[0].d).toMatchObject({ guildId: g.id, role: { id: managers.id, position: 2 } });
  expect(ctx.events[1]).toMatchObject({
    d: { guildId: g.id, role: res.body },
    to: { guildId: g.id },
  });
});

test("Guild.permissions is the viewer's own: all for the owner, @everyone plus roles for others", async () => {
  const { c, g, alice, mo, bob } = await setup();
  const perms = async (token: string) =>
    Number((await c.get(`/guilds/${g.id}`, { token })).body.permissions);
  expect(await perms(alice.accessToken)).toBe(ALL_PERMISSIONS);
  expect(await perms(bob.accessToken)).toBe(DEFAULT_MEMBER_PERMISSIONS);
  expect(await perms(mo.accessToken)).toBe(
    DEFAULT_MEMBER_PERMISSIONS | P.MANAGE_ROLES | P.MANAGE_CHANNELS | P.KICK_MEMBERS,
  );
});

test("escalation attempts are 403 and change nothing", async () => {
  const { c, g, alice, mo, bob, managers, other } = await setup();
  const token = { token: mo.accessToken };
  const before = (await c.get(`/guilds/${g.id}`, { token: alice.accessToken })).body;
  const attempts = [
    // Bits one does not hold, and bits outside the known set.
    c.post(`/guilds/${g.id}/roles`, { name: "x", permissions: String(P.ADMINISTRATOR) }, token),
    c.post(`/guilds/${g.id}/roles`, { name: "x", permissions: String(1 << 17) }, token),
    c.patch(`/guilds/${g.id}/roles/${g.id}`, { permissions: String(P.BAN_MEMBERS) }, token),
    // One's own role and roles above it.
    c.patch(`/guilds/${g.id}/roles/${managers.id}`, { name: "Admins" }, token),
    c.request("DELETE", `/guilds/${g.id}/roles/${managers.id}`, undefined, token),
    c.patch(`/guilds/${g.id}/members/${bob.user.id}`, { roleIds: [managers.id] }, token),
    c.patch(`/guilds/${g.id}/roles`, [{ id: managers.id, position: 5 }], token),
    // The owner, and another server's role.
    c.patch(`/guilds/${g.id}/members/${alice.user.id}`, { roleIds: [] }, token),
    c.patch(`/guilds/${g.id}/members/${bob.user.id}`, { roleIds: [other.id] }, token),
    c.request("PUT", `/channels/${before.channels[0].id}/permissions/${other.id}`, {
      type: "role",
      allow: "1",
      deny: "0",
    }, token),
    c.request("PUT", `/channels/${before.channels[0].id}/permissions/${g.id}`, {
      type: "role",
      allow: String(P.MANAGE_GUILD),
      deny: "0",
    }, token),
    c.request("DELETE", `/guilds/${g.id}/members/${alice.user.id}`, undefined, token),
  ];
  for (const [i, res] of (await Promise.all(attempts)).entries()) {
    expect(res.status, `attempt ${i}: ${JSON.stringify(res.body)}`).toBe(403);
    expect(res.body.type).toBe("forbidden");
  }
  expect((await c.get(`/guilds/${g.id}`, { token: alice.accessToken })).body).toEqual(before);
  expect(ctx.events).toEqual([]);
});

test("bad role input is 400: non-numeric bits, unknown fields, @everyone renamed, deleted or assigned", async () => {
  const { c, g, alice, bob } = await setup();
  const token = { token: alice.accessToken };
  const bad = [
    c.post(`/guilds/${g.id}/roles`, { name: "x", permissions: "-1" }, token),
    c.post(`/guilds/${g.id}/roles`, { name: "x", permissions: 3 }, token),
    c.post(`/guilds/${g.id}/roles`, { name: "", permissions: "0" }, token),
    c.post(`/guilds/${g.id}/roles`, { name: "x", color: 0x1000000 }, token),
    c.post(`/guilds/${g.id}/roles`, { name: "x", hoist: true }, token),
    c.patch(`/guilds/${g.id}/roles/${g.id}`, { name: "everybody" }, token),
    c.request("DELETE", `/guilds/${g.id}/roles/${g.id}`, undefined, token),
    c.patch(`/guilds/${g.id}/members/${bob.user.id}`, { roleIds: [g.id] }, token),
    c.patch(`/guilds/${g.id}/roles`, [{ id: g.id, position: 3 }], token),
    c.request("PUT", `/channels/${g.channels[0].id}/permissions/${g.id}`, {
      type: "role",
      allow: "1",
      deny: "1",
    }, token),
  ];
  for (const [i, res] of (await Promise.all(bad)).entries()) {
    expect(res.status, `case ${i}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `case ${i}`).toBeLessThan(405);
    expect(res.status, `case ${i}`).not.toBe(403);
  }
});

test("deleting a role takes it from its members; reordering answers every role", async () => {
  const { c, g, alice, mo, bob } = await setup();
  const token = { token: alice.accessToken };
  const helpers = (await c.post(`/guilds/${g.id}/roles`, { name: "Helpers" }, token)).body;
  await c.patch(`/guilds/${g.id}/members/${bob.user.id}`, { roleIds: [helpers.id] }, token);
  const moved = await c.patch(`/guilds/${g.id}/roles`, [{ id: helpers.id, position: 9 }], {
    token: alice.accessToken,
  });
  expect(moved.status).toBe(200);
  expect(moved.body.map((r: { name: string }) => r.name)).toEqual([
    "@everyone",
    "Managers",
    "Helpers",
  ]);
  // Mo now ranks below Helpers: he can no longer touch it.
  const denied = await c.request("DELETE", `/guilds/${g.id}/roles/${helpers.id}`, undefined, {
    token: mo.accessToken,
  });
  expect(denied.status).toBe(403);
  expect(
    (await c.request("DELETE", `/guilds/${g.id}/roles/${helpers.id}`, undefined, token)).status,
  )
    .toBe(204);
  const members = (await c.get(`/guilds/${g.id}/members`, token)).body;
  const bobNow = members.find((m: { user: { id: string } }) => m.user.id === bob.user.id);
  expect(bobNow.roleIds).toEqual([]);
  const log = (await c.get(`/guilds/${g.id}/audit-log?limit=1`, token)).body;
  expect(log[0]).toMatchObject({ action: "role_delete", targetId: helpers.id, target: null });
});

test("a channel hidden by an overwrite answers 404 to those who may not view it, even managers", async () => {
  const { c, g, alice, mo, bob } = await setup();
  const token = { token: alice.accessToken };
  const secret = (await c.post(`/guilds/${g.id}/channels`, { name: "secret", type: "text" }, token))
    .body;
  expect(secret.overwrites).toEqual([]);
  const put = await c.request("PUT", `/channels/${secret.id}/permissions/${g.id}`, {
    type: "role",
    allow: "0",
    deny: String(P.VIEW_CHANNEL),
  }, token);
  expect(put.status).toBe(204);
  for (const s of [mo, bob]) {
    const opts = { token: s.accessToken };
    expect((await c.get(`/channels/${secret.id}/messages`, opts)).status).toBe(404);
    expect((await c.patch(`/channels/${secret.id}`, { topic: "x" }, opts)).status).toBe(404);
    const guild = (await c.get(`/guilds/${g.id}`, opts)).body;
    expect(guild.channels.map((ch: { id: string }) => ch.id)).not.toContain(secret.id);
  }
  const own = (await c.get(`/guilds/${g.id}`, token)).body.channels
    .find((ch: { id: string }) => ch.id === secret.id);
  expect(own.overwrites).toEqual([{ id: g.id, type: "role", allow: "0", deny: "1" }]);
  const removed = await c.request(
    "DELETE",
    `/channels/${secret.id}/permissions/${g.id}`,
    undefined,
    token,
  );
  expect(removed.status).toBe(204);
  expect((await c.get(`/channels/${secret.id}/messages`, { token: bob.accessToken })).status).toBe(
    200,
  );
  const again = await c.request(
    "DELETE",
    `/channels/${secret.id}/permissions/${g.id}`,
    undefined,
    token,
  );
  expect(again.status).toBe(404);
});
