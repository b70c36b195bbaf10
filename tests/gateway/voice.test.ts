import { afterEach, expect, test } from "vitest";
import { type Frame } from "../support/gateway_client.ts";
import { barrier, startServer, type TestServer } from "./server.ts";
import { ANSWER, joinVoice, OFFER, online, signal, voiceGuild } from "./voice_room.ts";

let s: TestServer;

afterEach(() => s.close());

/** Alice and Bob in one guild's voice channel, Carol in the guild but not in voice. */
async function room() {
  s = await startServer({ gateway: { voiceGraceMs: 200 } });
  const accounts = await Promise.all(["alice", "bob", "carol"].map((n) => s.register(n)));
  const { guildId, voiceId } = await voiceGuild(s, accounts[0], accounts.slice(1));
  const [alice, bob, carol] = await Promise.all(accounts.map((a) => online(s, a)));
  await joinVoice(s, alice, voiceId);
  await joinVoice(s, bob, voiceId);
  return { guildId, voiceId, alice, bob, carol };
}

const isSignal = (f: Frame) => f.op === "voice_signal";
/** The VOICE_STATE_UPDATE payload of a user leaving voice. */
const leftVoice = (userId: string, guildId: string) => ({
  userId,
  guildId,
  channelId: null,
  muted: false,
  deafened: false,
});
const isError = (f: Frame) => f.op === "error";

test("ready lists the voice states of the user's guilds", async () => {
  const { guildId, voiceId, alice, bob } = await room();
  const stranger = await online(s, await s.register("dave"));
  const late = await s.connect(bob.account.accessToken);
  expect(late.ready.voiceStates.map((v: { userId: string }) => v.userId).sort()).toEqual(
    [alice.id, bob.id].sort(),
  );
  expect(late.ready.voiceStates[0]).toMatchObject({ guildId, channelId: voiceId, muted: false });
  expect((await s.connect(stranger.account.accessToken)).ready.voiceStates).toEqual([]);
});

test("joining, muting and leaving reach every member of the guild and nobody else", async () => {
  const { guildId, voiceId, alice, carol } = await room();
  const stranger = await online(s, await s.register("dave"));
  const from = carol.socket.frames.length;
  await s.api("PATCH", `/channels/${voiceId}/voice`, { muted: true }, alice.account.accessToken);
  await s.api("DELETE", `/channels/${voiceId}/voice`, undefined, alice.account.accessToken);
  await carol.socket.dispatch("VOICE_STATE_UPDATE", (d) => d.channelId === null, from);
  const seen = carol.socket.dispatches("VOICE_STATE_UPDATE").slice(-2).map((f) => f.d);
  expect(seen).toEqual([
    { userId: alice.id, guildId, channelId: voiceId, muted: true, deafened: false },
    { userId: alice.id, guildId, channelId: null, muted: false, deafened: false },
  ]);
  await barrier(s, stranger.id, stranger.socket);
  expect(stranger.socket.dispatches("VOICE_STATE_UPDATE")).toEqual([]);
});

test("voice in a channel a member may not view stays out of their events and ready", async () => {
  const { guildId, voiceId, alice, bob, carol } = await room();
  const token = alice.account.accessToken;
  const secret = await s.api("POST", `/guilds/${guildId}/channels`, {
    name: "Secret",
    type: "voice",
  }, token);
  await s.api("PUT", `/channels/${secret.id}/permissions/${carol.id}`, {
    type: "member",
    allow: "0",
    deny: "1",
  }, token);
  const from = carol.socket.frames.length;
  await joinVoice(s, bob, secret.id);
  const moved = (d: { userId: string; channelId: string | null }) =>
    d.userId === bob.id && d.channelId === secret.id;
  await alice.socket.dispatch("VOICE_STATE_UPDATE", moved);
  // Carol sees Bob leave the channel she can see, and nothing of the one she cannot.
  const left = await carol.socket.dispatch(
    "VOICE_STATE_UPDATE",
    (d) => d.userId === bob.id && d.channelId === null,
    from,
  );
  expect(left.d).toEqual(leftVoice(bob.id, guildId));
  await s.api("PATCH", `/channels/${secret.id}/voice`, { muted: true }, bob.account.accessToken);
  await alice.socket.dispatch("VOICE_STATE_UPDATE", (d) => moved(d) && d.muted);
  await barrier(s, carol.id, carol.socket);
  const carolSaw = carol.socket.dispatches("VOICE_STATE_UPDATE").map((f) => f.d.channelId);
  expect(carolSaw).not.toContain(secret.id);
  const ids = async (accessToken: string) =>
    (await s.connect(accessToken)).ready.voiceStates.map((v: { userId: string }) => v.userId)
      .sort();
  expect(await ids(carol.account.accessToken)).toEqual([alice.id]);
  expect(await ids(token)).toEqual([alice.id, bob.id].sort());
  expect(voiceId).not.toBe(secret.id);
});

test("a signal reaches its target in the same voice channel, marked with its sender", async () => {
  const { alice, bob } = await room();
  signal(alice, bob.id, OFFER);
  const offer = await bob.socket.waitFor(isSignal);
  expect(offer.d).toEqual({ from: alice.id, sessionId: alice.voiceSessionId, data: OFFER });
  signal(bob, alice.id, ANSWER);
  const answer = await alice.socket.waitFor(isSignal);
  expect(answer.d).toEqual({ from: bob.id, sessionId: bob.voiceSessionId, data: ANSWER });
  const candidate = {
    type: "candidate",
    candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0" },
  };
  for (let i = 0; i < 5; i++) signal(alice, bob.id, i < 4 ? candidate : OFFER);
  await bob.socket.waitFor(
    (f) => isSignal(f) && f.d.data.type === "offer",
    bob.socket.frames.indexOf(offer) + 1,
  );
  // Relayed in the order sent: four candidates, then the offer.
  const types = bob.socket.frames.filter(isSignal).slice(1).map((f) => f.d.data.type);
  expect(types).toEqual(["candidate", "candidate", "candidate", "candidate", "offer"]);
});

test("a signal to someone not in the room is refused and reaches nobody", async () => {
  const { guildId, alice, bob, carol } = await room();
  const other = await s.api(
    "POST",
    `/guilds/${guildId}/channels`,
    { name: "Side", type: "voice" },
    alice.account.accessToken,
  );
  const dave = await online(s, await s.register("dave"));
  signal(alice, carol.id, OFFER);
  const refused = await alice.socket.waitFor(isError);
  expect(refused.d).toEqual({
    code: "not_in_voice",
    message: `Cannot relay a voice signal: user ${carol.id} is not in your voice channel`,
  });
  signal(alice, dave.id, OFFER);
  // Carol moves to another voice channel: still not Alice's room.
  await joinVoice(s, carol, other.id);
  signal(alice, carol.id, OFFER);
  // Carol, not in voice, signals Bob; Alice signals with a stale voice session.
  signal(dave, bob.id, OFFER, alice.voiceSessionId);
  signal(alice, bob.id, OFFER, carol.voiceSessionId);
  // Signals are relayed one after another per session, after a store read each: wait for
  // all four of Alice's refusals, since the barrier below does not queue behind them.
  let at = alice.socket.frames.indexOf(refused);
  for (let n = 1; n < 4; n++) {
    at = alice.socket.frames.indexOf(await alice.socket.waitFor(isError, at + 1));
  }
  await dave.socket.waitFor(isError);
  for (const p of [alice, bob, carol, dave]) await barrier(s, p.id, p.socket);
  expect(alice.socket.frames.filter(isError)).toHaveLength(4);
  expect(dave.socket.frames.find(isError)?.d.message).toBe(
    "Cannot relay a voice signal: you are not in a voice channel",
  );
  for (const p of [alice, bob, carol, dave]) expect(p.socket.frames.filter(isSignal)).toEqual([]);
});

test("garbage SDP gets an error frame or 4001, and the others' call goes on", async () => {
  const { alice, bob, carol } = await room();
  signal(alice, bob.id, { type: "offer", sdp: 42 });
  const error = await alice.socket.waitFor(isError);
  expect(error.d.code).toBe("bad_voice_signal");
  expect(error.d.message).toMatch(/^Cannot relay a voice signal: data\.sdp: /);
  signal(alice, bob.id, { type: "offer", sdp: "x".repeat(12_000) });
  await alice.socket.waitFor(isError, alice.socket.frames.indexOf(error) + 1);
  expect(bob.socket.frames.filter(isSignal)).toEqual([]);
  // Too big for a gateway frame at all: that socket is closed, nobody else is touched.
  await joinVoice(
    s,
    carol,
    (await s.services.store.voiceStates.get(alice.id, new Date().toISOString()))!.channelId,
  );
  signal(carol, bob.id, { type: "offer", sdp: "x".repeat(70_000) });
  expect((await carol.socket.closedBy()).code).toBe(4001);
  signal(alice, bob.id, OFFER);
  expect((await bob.socket.waitFor(isSignal)).d.data).toEqual(OFFER);
});

test("a peer whose socket dies leaves the room after the grace, and everyone sees it", async () => {
  const { guildId, alice, bob, carol } = await room();
  const from = alice.socket.frames.length;
  await bob.socket.close();
  const left = await alice.socket.dispatch("VOICE_STATE_UPDATE", (d) => d.userId === bob.id, from);
  expect(left.d).toEqual(leftVoice(bob.id, guildId));
  await carol.socket.dispatch(
    "VOICE_STATE_UPDATE",
    (d) => d.userId === bob.id && d.channelId === null,
  );
  signal(alice, bob.id, OFFER);
  expect((await alice.socket.waitFor(isError)).d.code).toBe("not_in_voice");
});
