/** Contract of `VoiceStateRepo`: one voice channel per user, caps under races, lapsing, replays. */
import { beforeEach, describe, expect, test } from "vitest";
import type { Store, VoiceStateRecord } from "../../server/store/port.ts";
import { AFTER_EXPIRY, EXPIRES, NOW, unique } from "./fixtures.ts";

/** A mesh state of a new user in `channelId` of `guildId`. */
function state(
  guildId: string,
  channelId: string,
  overrides: Partial<VoiceStateRecord> = {},
): VoiceStateRecord {
  return {
    userId: unique("u"),
    guildId,
    channelId,
    muted: false,
    deafened: false,
    mode: "mesh",
    sessionId: unique("vs"),
    gatewaySessionId: unique("gw"),
    expiresAt: EXPIRES,
    ...overrides,
  };
}

const ids = (states: VoiceStateRecord[]) => states.map((s) => s.userId).sort();

/** Registers the voice-states part of the contract; `current` is the store of the running test. */
export function voiceStatesContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("voice states", () => {
    test("join stores the state, findable by user, channel and guild", async () => {
      const [g, ch] = [unique("g"), unique("ch")];
      const a = state(g, ch);
      expect(await store.voiceStates.join(a, 8, NOW)).toEqual({
        ok: true,
        previous: null,
        purged: [],
      });
      expect(await store.voiceStates.get(a.userId, NOW)).toEqual(a);
      expect(await store.voiceStates.listByChannel(ch, NOW)).toEqual([a]);
      expect(await store.voiceStates.listByGuilds([g, unique("g")], NOW)).toEqual([a]);
    });

    test("joining another channel moves the user and returns where they were", async () => {
      const [g1, g2, ch1, ch2] = [unique("g"), unique("g"), unique("ch"), unique("ch")];
      const a = state(g1, ch1);
      await store.voiceStates.join(a, 8, NOW);
      const moved = { ...a, guildId: g2, channelId: ch2, sessionId: unique("vs") };
      expect(await store.voiceStates.join(moved, 8, NOW)).toEqual({
        ok: true,
        previous: a,
        purged: [],
      });
      expect(await store.voiceStates.listByChannel(ch1, NOW)).toEqual([]);
      expect(await store.voiceStates.listByGuilds([g1], NOW)).toEqual([]);
      expect(await store.voiceStates.listByChannel(ch2, NOW)).toEqual([moved]);
    });

    test("a full channel refuses others but lets a member rejoin", async () => {
      const [g, ch] = [unique("g"), unique("ch")];
      const a = state(g, ch);
      const b = state(g, ch);
      await store.voiceStates.join(a, 2, NOW);
      await store.voiceStates.join(b, 2, NOW);
      expect(await store.voiceStates.join(state(g, ch), 2, NOW)).toEqual({ ok: false, count: 2 });
      const again = await store.voiceStates.join({ ...a, sessionId: unique("vs") }, 2, NOW);
      expect(again.ok).toBe(true);
      expect(ids(await store.voiceStates.listByChannel(ch, NOW))).toEqual(ids([a, b]));
    });

    test("concurrent joins never exceed the limit", async () => {
      const [g, ch] = [unique("g"), unique("ch")];
      const joiners = Array.from({ length: 6 }, () => state(g, ch));
      const results = await Promise.all(joiners.map((s) => store.voiceStates.join(s, 3, NOW)));
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(await store.voiceStates.listByChannel(ch, NOW)).toHaveLength(3);
    });

    test("lapsed states are not listed, and a join clears them", async () => {
      const [g, ch] = [unique("g"), unique("ch")];
      const stale = state(g, ch, { expiresAt: NOW });
      const lasting = state(g, ch, { mode: "livekit", gatewaySessionId: null, expiresAt: null });
      await store.voiceStates.join(stale, 2, "2000-01-01T00:00:00.000Z");
      await store.voiceStates.join(lasting, 2, "2000-01-01T00:00:00.000Z");
      expect(await store.voiceStates.get(stale.userId, NOW)).toBeNull();
      expect(await store.voiceStates.listByChannel(ch, NOW)).toEqual([lasting]);
      expect(await store.voiceStates.listByChannel(ch, AFTER_EXPIRY)).toEqual([lasting]);
      const joiner = state(g, ch);
      expect(await store.voiceStates.join(joiner, 2, NOW)).toEqual({
        ok: true,
        previous: null,
        purged: [stale],
      });
      expect(ids(await store.voiceStates.listByChannel(ch, NOW))).toEqual(ids([lasting, joiner]));
    });

    test("update, leave and refresh act only on a matching state", async () => {
      const [g, ch] = [unique("g"), unique("ch")];
      const a = state(g, ch);
      await store.voiceStates.join(a, 8, NOW);
      expect(await store.voiceStates.update(a.userId, { channelId: unique("ch") }, { muted: true }))
        .toBeNull();
      expect(await store.voiceStates.update(a.userId, { channelId: ch }, { muted: true }))
        .toEqual({ ...a, muted: true });
      expect(await store.voiceStates.listByGuilds([g], NOW)).toEqual([{ ...a, muted: true }]);
      expect(await store.voiceStates.refresh(a.userId, unique("gw"), AFTER_EXPIRY)).toBe(false);
      expect(await store.voiceStates.refresh(a.userId, a.gatewaySessionId!, AFTER_EXPIRY))
        .toBe(true);
      expect((await store.voiceStates.get(a.userId, NOW))?.expiresAt).toBe(AFTER_EXPIRY);
      expect(await store.voiceStates.leave(a.userId, { gatewaySessionId: unique("gw") }))
        .toBeNull();
      expect(await store.voiceStates.leave(a.userId, { guildId: unique("g") })).toBeNull();
      const removed = await store.voiceStates.leave(a.userId, { guildId: g, channelId: ch });
      expect(removed).toMatchObject({ userId: a.userId, muted: true });
      expect(await store.voiceStates.leave(a.userId, {})).toBeNull();
      expect(await store.voiceStates.listByChannel(ch, NOW)).toEqual([]);
      expect(await store.voiceStates.listByGuilds([g], NOW)).toEqual([]);
    });

    test("claimEvent accepts an id once", async () => {
      const id = unique("EV_");
      expect(await store.voiceStates.claimEvent(id, EXPIRES)).toBe(true);
      expect(await store.voiceStates.claimEvent(id, EXPIRES)).toBe(false);
      expect(await store.voiceStates.claimEvent(unique("EV_"), EXPIRES)).toBe(true);
    });
  });
}
