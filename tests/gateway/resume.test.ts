import { afterEach, expect, test } from "vitest";
import type { GatewayOptions } from "../../server/realtime/hub.ts";
import { GatewaySocket } from "../support/gateway_client.ts";
import { type Account, guildWith, say, startServer, type TestServer } from "./server.ts";

let s: TestServer;

async function setUp(gateway?: GatewayOptions) {
  s = await startServer({ gateway });
  const alice = await s.register("alice");
  const bob = await s.register("bob");
  const { channelId } = await guildWith(s, alice, [bob]);
  return { alice, bob, channelId };
}

afterEach(() => s.close());

function contents(socket: GatewaySocket): string[] {
  return socket.dispatches("MESSAGE_CREATE").map((f) => f.d.content);
}

function resume(socket: GatewaySocket, account: Account, sessionId: string, seq: number) {
  socket.send({ op: "resume", d: { token: account.accessToken, sessionId, seq } });
}

test("resume after a dropped socket replays exactly the missed events", async () => {
  const { alice, bob, channelId } = await setUp();
  const first = await s.connect(bob.accessToken);
  await say(s, alice, channelId, "m1");
  await first.socket.dispatch("MESSAGE_CREATE", (d) => d.content === "m1");
  // Kill the socket while messages keep coming: some may still reach it, the rest must be replayed.
  const sending = (async () => {
    for (let i = 2; i <= 8; i++) await say(s, alice, channelId, `m${i}`);
  })();
  await first.socket.close();
  await sending;
  const seq = first.socket.lastSeq;
  const second = await GatewaySocket.connect(s.wsUrl);
  resume(second, bob, first.ready.sessionId, seq);
  const resumed = await second.waitFor((f) => f.op === "resumed");
  expect(resumed.d.replayed).toBe(second.dispatches().length);
  await say(s, alice, channelId, "m9");
  await second.dispatch("MESSAGE_CREATE", (d) => d.content === "m9");
  const all = [...contents(first.socket), ...contents(second)];
  expect(all).toEqual(["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"]);
  const seqs = [...first.socket.dispatches(), ...second.dispatches()].map((f) => f.s);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  await second.close();
});

test("replayed events come before `resumed` and live ones after", async () => {
  const { alice, bob, channelId } = await setUp();
  const first = await s.connect(bob.accessToken);
  await first.socket.close();
  await say(s, alice, channelId, "while away");
  const second = await GatewaySocket.connect(s.wsUrl);
  resume(second, bob, first.ready.sessionId, 0);
  await second.waitFor((f) => f.op === "resumed");
  await say(s, alice, channelId, "back");
  await second.dispatch("MESSAGE_CREATE", (d) => d.content === "back");
  const ops = second.frames.slice(1).map((f) => f.op === "dispatch" ? f.d.content ?? f.t : f.op);
  expect(ops).toEqual(["while away", "resumed", "back"]);
  await second.close();
});

test("resume from a second socket takes over the session and closes the old one", async () => {
  const { alice, bob, channelId } = await setUp();
  const first = await s.connect(bob.accessToken);
  const second = await GatewaySocket.connect(s.wsUrl);
  resume(second, bob, first.ready.sessionId, 0);
  await second.waitFor((f) => f.op === "resumed");
  expect((await first.socket.closedBy()).code).toBe(4009);
  await say(s, alice, channelId, "to the new socket");
  await second.dispatch("MESSAGE_CREATE", (d) => d.content === "to the new socket");
  await second.close();
});

test("resuming an unknown or someone else's session is refused and identify still works", async () => {
  const { alice, bob } = await setUp();
  const aliceSession = await s.connect(alice.accessToken);
  const socket = await GatewaySocket.connect(s.wsUrl);
  resume(socket, bob, "01ARZ3NDEKTSV4RRFFQ69G5FAV", 0);
  const unknown = await socket.waitFor((f) => f.op === "invalid_session");
  resume(socket, bob, aliceSession.ready.sessionId, 0);
  const foreign = await socket.waitFor((f) => f.op === "invalid_session", socket.frames.length);
  expect(foreign.d.reason).toBe(
    unknown.d.reason.replace("01ARZ3NDEKTSV4RRFFQ69G5FAV", aliceSession.ready.sessionId),
  );
  const ready = await socket.identify(bob.accessToken);
  expect(ready.user.id).toBe(bob.user.id);
  await socket.close();
  await aliceSession.socket.close();
});

test("resuming with a seq ahead of the session is refused", async () => {
  const { bob } = await setUp();
  const first = await s.connect(bob.accessToken);
  await first.socket.close();
  const socket = await GatewaySocket.connect(s.wsUrl);
  resume(socket, bob, first.ready.sessionId, 5);
  expect((await socket.waitFor((f) => f.op === "invalid_session")).d.reason).toMatch(/ahead/);
  await socket.close();
});

test("resuming after more events than the buffer keeps is refused", async () => {
  const { alice, bob, channelId } = await setUp({ replayCapacity: 3 });
  const first = await s.connect(bob.accessToken);
  await first.socket.close();
  for (let i = 1; i <= 5; i++) await say(s, alice, channelId, `m${i}`);
  const socket = await GatewaySocket.connect(s.wsUrl);
  resume(socket, bob, first.ready.sessionId, 0);
  const invalid = await socket.waitFor((f) => f.op === "invalid_session");
  expect(invalid.d.reason).toMatch(/more than the 3 kept/);
  expect(socket.dispatches()).toEqual([]);
  await socket.close();
});

test("a session is forgotten after its grace period", async () => {
  const { bob } = await setUp({ heartbeatIntervalMs: 100, resumeGraceMs: 50 });
  const first = await s.connect(bob.accessToken);
  await first.socket.close();
  await new Promise((r) => setTimeout(r, 200));
  const socket = await GatewaySocket.connect(s.wsUrl);
  resume(socket, bob, first.ready.sessionId, 0);
  expect((await socket.waitFor((f) => f.op === "invalid_session")).d.reason).toBeTruthy();
  await socket.close();
});
