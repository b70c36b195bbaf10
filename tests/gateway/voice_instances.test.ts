import { afterEach, beforeEach, expect, test } from "vitest";
import { localBus } from "../../server/realtime/bus.ts";
import type { Store } from "../../server/store/port.ts";
import { memoryStore, startServer, type TestServer } from "./server.ts";
import { joinVoice, OFFER, online, signal, voiceGuild } from "./voice_room.ts";

let store: Store;
let a: TestServer, b: TestServer;

beforeEach(async () => {
  // Two instances behind one load balancer: one database, one bus.
  store = await memoryStore();
  const bus = localBus();
  a = await startServer({ store, bus, gateway: { voiceGraceMs: 200 } });
  b = await startServer({ store, bus, gateway: { voiceGraceMs: 200 } });
});

afterEach(async () => {
  await a.close();
  await b.close();
  await store.close();
});

test("a signal crosses instances to the target's gateway session", async () => {
  const aliceAccount = await a.register("alice");
  const bobAccount = await b.register("bob");
  const { voiceId } = await voiceGuild(a, aliceAccount, [bobAccount]);
  const alice = await online(a, aliceAccount);
  const bob = await online(b, bobAccount);
  await joinVoice(a, alice, voiceId);
  // Bob joins through instance A's REST, bound to his socket on instance B.
  await joinVoice(a, bob, voiceId);
  signal(alice, bob.id, OFFER);
  const got = await bob.socket.waitFor((f) => f.op === "voice_signal");
  expect(got.d).toEqual({ from: alice.id, sessionId: alice.voiceSessionId, data: OFFER });
});

test("a peer whose socket on another instance dies leaves the room for everyone", async () => {
  const aliceAccount = await a.register("alice");
  const bobAccount = await b.register("bob");
  const { voiceId } = await voiceGuild(a, aliceAccount, [bobAccount]);
  const alice = await online(a, aliceAccount);
  const bob = await online(b, bobAccount);
  await joinVoice(a, alice, voiceId);
  await joinVoice(b, bob, voiceId);
  await bob.socket.close();
  const left = await alice.socket.dispatch(
    "VOICE_STATE_UPDATE",
    (d) => d.userId === bob.id && d.channelId === null,
  );
  expect(left.d.channelId).toBeNull();
});
