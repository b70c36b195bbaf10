import type {
  VoiceJoinResult,
  VoiceStateMatch,
  VoiceStateRecord,
  VoiceStateRepo,
} from "../voice_states.ts";

const userKey = (userId: string) => ["voice_user", userId];
const guildKey = (s: VoiceStateRecord) => ["voice", s.guildId, s.userId];
const channelKey = (s: VoiceStateRecord) => ["voice_by_channel", s.channelId, s.userId];
/** Rewritten by every join and leave of the channel: joins check it, so caps hold under races. */
const revKey = (channelId: string) => ["voice_rev", channelId];
const eventKey = (id: string) => ["voice_event", id];
/** Lapsed states cleared per join: keeps the atomic operation small. */
const PURGE_MAX = 20;
/** KV keeps a lapsed state this long past its expiry before dropping it by itself. */
const KEEP_LAPSED_MS = 60 * 60_000;

/** True when the state has lapsed at `now`. */
export function lapsed(s: VoiceStateRecord, now: string): boolean {
  return s.expiresAt !== null && s.expiresAt <= now;
}

/** True when the state satisfies every given condition. */
export function matches(s: VoiceStateRecord, match: VoiceStateMatch): boolean {
  return (match.guildId === undefined || s.guildId === match.guildId) &&
    (match.channelId === undefined || s.channelId === match.channelId) &&
    (match.gatewaySessionId === undefined || s.gatewaySessionId === match.gatewaySessionId);
}

/**
 * Voice states in Deno KV: the record at `["voice_user", userId]`, copies
 * at `["voice", guildId, userId]` and `["voice_by_channel", channelId,
 * userId]` for listing, written together in one atomic operation.
 */
export function kvVoiceStates(kv: Deno.Kv): VoiceStateRepo {
  function put(op: Deno.AtomicOperation, s: VoiceStateRecord): Deno.AtomicOperation {
    const expireIn = s.expiresAt === null
      ? undefined
      : Math.max(1000, Date.parse(s.expiresAt) - Date.now()) + KEEP_LAPSED_MS;
    const options = expireIn === undefined ? undefined : { expireIn };
    return op.set(userKey(s.userId), s, options).set(guildKey(s), s, options)
      .set(channelKey(s), s, options);
  }

  function drop(op: Deno.AtomicOperation, s: VoiceStateRecord): Deno.AtomicOperation {
    return op.delete(userKey(s.userId)).delete(guildKey(s)).delete(channelKey(s))
      .set(revKey(s.channelId), s.channelId);
  }

  async function list(prefix: Deno.KvKey, now: string): Promise<VoiceStateRecord[]> {
    const out: VoiceStateRecord[] = [];
    for await (const e of kv.list<VoiceStateRecord>({ prefix })) {
      if (!lapsed(e.value, now)) out.push(e.value);
    }
    return out;
  }

  return {
    async get(userId, now) {
      const { value } = await kv.get<VoiceStateRecord>(userKey(userId));
      return value && !lapsed(value, now) ? value : null;
    },

    listByChannel: (channelId, now) => list(["voice_by_channel", channelId], now),

    async listByGuilds(guildIds, now) {
      const lists = await Promise.all(guildIds.map((g) => list(["voice", g], now)));
      return lists.flat();
    },

    async join(state, limit, now): Promise<VoiceJoinResult> {
      while (true) {
        const [current, rev] = await kv.getMany<[VoiceStateRecord, string]>([
          userKey(state.userId),
          revKey(state.channelId),
        ]);
        const others: Deno.KvEntry<VoiceStateRecord>[] = [];
        for await (
          const e of kv.list<VoiceStateRecord>({ prefix: ["voice_by_channel", state.channelId] })
        ) {
          if (e.value.userId !== state.userId) others.push(e);
        }
        const live = others.filter((e) => !lapsed(e.value, now));
        if (live.length >= limit) return { ok: false, count: live.length };
        const stale = others.filter((e) => lapsed(e.value, now)).slice(0, PURGE_MAX);
        const op = kv.atomic().check(current, rev);
        for (const e of stale) drop(op.check(e), e.value);
        const previous = current.value;
        if (previous) drop(op, previous);
        put(op, state).set(revKey(state.channelId), state.channelId);
        if ((await op.commit()).ok) {
          return { ok: true, previous, purged: stale.map((e) => e.value) };
        }
      }
    },

    async update(userId, match, patch) {
      while (true) {
        const current = await kv.get<VoiceStateRecord>(userKey(userId));
        if (!current.value || !matches(current.value, match)) return null;
        const next = { ...current.value, ...patch };
        if ((await put(kv.atomic().check(current), next).commit()).ok) return next;
      }
    },

    async leave(userId, match) {
      while (true) {
        const current = await kv.get<VoiceStateRecord>(userKey(userId));
        if (!current.value || !matches(current.value, match)) return null;
        if ((await drop(kv.atomic().check(current), current.value).commit()).ok) {
          return current.value;
        }
      }
    },

    async refresh(userId, gatewaySessionId, expiresAt) {
      while (true) {
        const current = await kv.get<VoiceStateRecord>(userKey(userId));
        if (current.value?.gatewaySessionId !== gatewaySessionId) return false;
        const next = { ...current.value, expiresAt };
        if ((await put(kv.atomic().check(current), next).commit()).ok) return true;
      }
    },

    async claimEvent(id, expiresAt) {
      const expireIn = Math.max(1000, Date.parse(expiresAt) - Date.now());
      const result = await kv.atomic().check({ key: eventKey(id), versionstamp: null })
        .set(eventKey(id), expiresAt, { expireIn }).commit();
      return result.ok;
    },
  };
}
