import { afterEach, expect, test } from "vitest";
import type { GatewayOptions } from "../../server/realtime/hub.ts";
import { GatewaySocket } from "../support/gateway_client.ts";
import { startServer, type TestServer } from "./server.ts";

let servers: TestServer[] = [];

async function server(gateway?: GatewayOptions) {
  const s = await startServer({ gateway });
  servers.push(s);
  return s;
}

afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

test("hello announces the heartbeat interval and identify answers ready with the user", async () => {
  const s = await server({ heartbeatIntervalMs: 1234 });
  const { user, accessToken } = await s.register("alice");
  const socket = await GatewaySocket.connect(s.wsUrl);
  expect(socket.frames[0]).toEqual({ op: "hello", d: { heartbeatInterval: 1234 } });
  const ready = await socket.identify(accessToken);
  expect(ready).toMatchObject({
    sessionId: expect.stringMatching(/^[0-9A-Z]{26}$/),
    user: { id: user.id, username: "alice", email: "alice@example.org" },
    guilds: [],
    dms: [],
    relationships: [],
    readStates: [],
    voiceStates: [],
  });
  expect(ready.presences).toEqual([]);
  await socket.close();
});

test("ready lists the user's guilds", async () => {
  const s = await server();
  const { accessToken } = await s.register("alice");
  const guild = await s.services.guilds.createGuild(
    (await s.services.auth.authenticate(accessToken)).userId,
    { name: "Lounge" },
  );
  const { socket, ready } = await s.connect(accessToken);
  expect(ready.guilds.map((g: { id: string }) => g.id)).toEqual([guild.id]);
  await socket.close();
});

test("identify with a bad token closes with 4004", async () => {
  const s = await server();
  const socket = await GatewaySocket.connect(s.wsUrl);
  socket.send({ op: "identify", d: { token: "not.a.token" } });
  expect((await socket.closedBy()).code).toBe(4004);
});

test("a resume with a bad token closes with 4004", async () => {
  const s = await server();
  const socket = await GatewaySocket.connect(s.wsUrl);
  socket.send({
    op: "resume",
    d: { token: "nope", sessionId: "01HZZZZZZZZZZZZZZZZZZZZZZZ", seq: 0 },
  });
  expect((await socket.closedBy()).code).toBe(4004);
});

test("revoking every session of a user (password reset) closes all their sockets with 4004", async () => {
  const s = await server();
  const alice = await s.register("alice");
  const bob = await s.register("bob");
  const [one, two] = [await s.connect(alice.accessToken), await s.connect(alice.accessToken)];
  const other = await s.connect(bob.accessToken);
  // What confirming a password reset does once the mailed token checks out.
  await s.services.store.sessions.revokeAllForUser(alice.user.id, new Date().toISOString());
  expect(await one.socket.closedBy()).toMatchObject({ code: 4004 });
  expect(await two.socket.closedBy()).toMatchObject({ code: 4004 });
  other.socket.send({ op: "heartbeat", d: other.socket.lastSeq });
  await other.socket.waitFor((f) => f.op === "heartbeat_ack");
  await expect(s.connect(alice.accessToken)).rejects.toThrow(/4004/);
  await other.socket.close();
});

test("an op before identify closes with 4003", async () => {
  const s = await server();
  const socket = await GatewaySocket.connect(s.wsUrl);
  socket.send({ op: "presence_update", d: { status: "idle" } });
  expect((await socket.closedBy()).code).toBe(4003);
});

test("a socket that never identifies is closed with 4003", async () => {
  const s = await server({ heartbeatIntervalMs: 100 });
  const socket = await GatewaySocket.connect(s.wsUrl);
  expect((await socket.closedBy()).code).toBe(4003);
});

test("bad payloads close that socket with 4001 and leave the others alone", async () => {
  const s = await server();
  const { accessToken } = await s.register("alice");
  const bystander = await s.connect(accessToken);
  const bad: unknown[] = [
    "not json {",
    { op: "teleport", d: {} },
    { op: "identify", d: { token: "x", extra: 1 } },
    { op: "heartbeat", d: "soon" },
    JSON.stringify({ op: "heartbeat", d: 0, pad: "x".repeat(65 * 1024) }),
  ];
  for (const frame of bad) {
    const socket = await GatewaySocket.connect(s.wsUrl);
    socket.send(frame);
    expect((await socket.closedBy()).code).toBe(4001);
  }
  const from = bystander.socket.frames.length;
  bystander.socket.send({ op: "heartbeat", d: 0 });
  await bystander.socket.waitFor((f) => f.op === "heartbeat_ack", from);
  await bystander.socket.close();
});

test("identifying twice closes with 4001", async () => {
  const s = await server();
  const { accessToken } = await s.register("alice");
  const { socket } = await s.connect(accessToken);
  socket.send({ op: "identify", d: { token: accessToken } });
  expect((await socket.closedBy()).code).toBe(4001);
});

test("heartbeats are acknowledged and keep the socket open", async () => {
  const s = await server({ heartbeatIntervalMs: 150 });
  const { accessToken } = await s.register("alice");
  const { socket } = await s.connect(accessToken);
  for (let i = 0; i < 6; i++) {
    const from = socket.frames.length;
    socket.send({ op: "heartbeat", d: socket.lastSeq });
    await socket.waitFor((f) => f.op === "heartbeat_ack", from);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(socket.ws.readyState).toBe(WebSocket.OPEN);
  await socket.close();
});

test("a socket silent for two intervals is closed with 4009", async () => {
  const s = await server({ heartbeatIntervalMs: 100 });
  const { accessToken } = await s.register("alice");
  const { socket } = await s.connect(accessToken);
  expect((await socket.closedBy()).code).toBe(4009);
});

test("more frames than the budget closes with 4008", async () => {
  const s = await server({ frameBudget: { frames: 5, windowMs: 60_000 } });
  const { accessToken } = await s.register("alice");
  const { socket } = await s.connect(accessToken);
  // One at a time: frames still in flight when the server closes would reset the connection.
  for (let i = 0; i < 4; i++) {
    const from = socket.frames.length;
    socket.send({ op: "heartbeat", d: 0 });
    await socket.waitFor((f) => f.op === "heartbeat_ack", from);
  }
  socket.send({ op: "heartbeat", d: 0 });
  expect((await socket.closedBy()).code).toBe(4008);
});

test("voice_signal is validated and answered with not_in_voice", async () => {
  const s = await server();
  const { user, accessToken } = await s.register("alice");
  const { socket, ready } = await s.connect(accessToken);
  socket.send({ op: "voice_signal", d: { to: user.id, sessionId: ready.sessionId, data: {} } });
  const error = await socket.waitFor((f) => f.op === "error");
  expect(error.d.code).toBe("not_in_voice");
  socket.send({ op: "voice_signal", d: { to: "someone", sessionId: ready.sessionId, data: {} } });
  expect((await socket.closedBy()).code).toBe(4001);
});

test("a plain HTTP request to the gateway gets a problem", async () => {
  const s = await server();
  const res = await fetch(`${s.url}/api/v1/gateway`);
  expect(res.status).toBe(400);
  expect((await res.json()).title).toBe("WebSocket upgrade required");
});
