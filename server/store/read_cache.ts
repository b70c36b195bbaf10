/**
 * The store as the services read it: the records every request's checks
 * read (the caller's session, a channel, its guild, the guild's roles,
 * the caller's membership) come from a cache of this instance while
 * nothing has changed them. A send reads five records fewer from the
 * database this way (on Deno KV each read costs ~0.1 ms of CPU and a turn
 * of the event loop, on MongoDB a round trip), and the session check no
 * longer holds every request for a read before anything else starts.
 *
 * What empties the cache:
 * - a write through this store to channels, guilds, roles or members, or
 *   a revocation of sessions, once it ends (loads under way meanwhile are
 *   not kept);
 * - every bus event that can change such a record, from any instance
 *   (roles, members, bans, timeouts, channels, guilds, and the revocations
 *   this cache announces itself): another instance's change is seen once
 *   its event arrives, as its sockets see it;
 * - age: an entry is read again after {@link DEFAULT_READ_CACHE_TTL_MS},
 *   so a bus that stalls leaves a stale permission or a revoked session
 *   usable for seconds at most.
 *
 * A MESSAGE_CREATE only raises the cached channel's `lastMessageId`.
 * Cached records are frozen: they are shared by every reader. Nothing
 * missing (`null`) is kept, and nothing else of the store (refresh
 * tokens, users, blocks) is cached.
 */
import { BoundedMap } from "../bounded_map.ts";
import type { Bus, BusEvent, SessionRevocation } from "../realtime/bus.ts";
import type { EventName } from "../wire/types.ts";
import type { ChannelRecord, ChannelRepo, GuildRepo, MemberRepo, Store } from "./port.ts";
import type { SessionRepo } from "./sessions.ts";

/** How long a cached record is trusted without any event about it. */
export const DEFAULT_READ_CACHE_TTL_MS = 5_000;
/** Records kept at most (sessions, channels, guilds, role lists and memberships together). */
const MAX_ENTRIES = 20_000;

/** The methods of the cached repositories that only read; any other one is a write. */
const READS: Record<"channels" | "guilds" | "members", ReadonlySet<string>> = {
  channels: new Set(["get", "listByGuild", "listDms"]),
  guilds: new Set(["get", "getMany", "listRoles"]),
  members: new Set([
    "get",
    "list",
    "listUserIds",
    "listGuildIdsOfUser",
    "count",
    "getBan",
    "listBans",
  ]),
};

/** Events that change none of the cached records (MESSAGE_CREATE is handled apart). */
const UNRELATED = new Set<EventName>([
  "MESSAGE_UPDATE",
  "MESSAGE_DELETE",
  "MESSAGE_REACTION_ADD",
  "MESSAGE_REACTION_REMOVE",
  "CHANNEL_PINS_UPDATE",
  "TYPING_START",
  "PRESENCE_UPDATE",
  "VOICE_STATE_UPDATE",
  "READ_STATE_UPDATE",
  "RELATIONSHIP_ADD",
  "RELATIONSHIP_REMOVE",
  "USER_UPDATE",
]);

/** Options of {@link withReadCache}. */
export interface ReadCacheOptions {
  /** Age after which an entry is read again ({@link DEFAULT_READ_CACHE_TTL_MS}). */
  ttlMs?: number;
  /** Monotonic milliseconds (performance.now). */
  now?: () => number;
}

interface Entry {
  value: unknown;
  at: number;
}

/** The records, the generation that tells loads begun before a change, and their age. */
class Records {
  #entries = new BoundedMap<string, Entry>(MAX_ENTRIES);
  #generation = 0;
  /** The newest message announced in each channel lately. */
  #newestMessage = new BoundedMap<string, string>(MAX_ENTRIES);

  constructor(readonly ttlMs: number, readonly now: () => number) {}

  /** The record under `key`, loaded (and kept unless null) when absent or too old. */
  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value as T;
    const generation = this.#generation;
    const value = await load();
    if (value !== null && generation === this.#generation) {
      this.#entries.set(key, { value: deepFreeze(value), at: this.now() });
    }
    return value;
  }

  /** Forgets everything, and every load under way. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** The channel, with its `lastMessageId` raised to the newest message announced. */
  readChannel(
    id: string,
    load: () => Promise<ChannelRecord | null>,
  ): Promise<ChannelRecord | null> {
    // A load under way when a message is announced may return the channel
    // from before it: what the events told is applied to what it returns.
    return this.read(channelKey(id), async () => {
      const channel = await load();
      return channel && this.#raised(channel);
    });
  }

  /** Notes a new message and raises its channel's cached `lastMessageId`. */
  #noteMessage(channelId: string, messageId: string): void {
    const newest = this.#newestMessage.get(channelId);
    if (newest !== undefined && newest >= messageId) return;
    this.#newestMessage.set(channelId, messageId);
    const key = channelKey(channelId);
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.set(key, { value: this.#raised(hit.value as ChannelRecord), at: hit.at });
    }
  }

  #raised(channel: ChannelRecord): ChannelRecord {
    const newest = this.#newestMessage.get(channel.id);
    if (newest === undefined || (channel.lastMessageId ?? "") >= newest) return channel;
    return Object.freeze({ ...channel, lastMessageId: newest });
  }

  /** Applies a bus event: raises a channel, empties the cache, or nothing. */
  observe(event: BusEvent): void {
    if (event.revoked) return this.clear();
    if (event.presence || event.voiceSignal || UNRELATED.has(event.t)) return;
    if (event.t === "MESSAGE_CREATE") {
      const d = event.d as { id?: unknown; channelId?: unknown } | null;
      if (typeof d?.id === "string" && typeof d.channelId === "string") {
        this.#noteMessage(d.channelId, d.id);
      }
      return;
    }
    this.clear();
  }
}

const channelKey = (id: string) => "c\0" + id;

/**
 * `store` with its access records cached for this instance and kept in
 * step by `bus` (see the module's comment). Writes and other reads go to
 * `store` unchanged.
 */
export function withReadCache(store: Store, bus: Bus, options: ReadCacheOptions = {}): Store {
  const records = new Records(
    options.ttlMs ?? DEFAULT_READ_CACHE_TTL_MS,
    options.now ?? (() => performance.now()),
  );
  bus.subscribe((event) => records.observe(event));
  const channels: ChannelRepo = cachedRepo(store.channels, READS.channels, records, {
    get: (id: string) => records.readChannel(id, () => store.channels.get(id)),
  });
  const guilds: GuildRepo = cachedRepo(store.guilds, READS.guilds, records, {
    get: (id: string) => records.read("g\0" + id, () => store.guilds.get(id)),
    listRoles: (guildId: string) =>
      records.read("r\0" + guildId, () => store.guilds.listRoles(guildId)),
  });
  const members: MemberRepo = cachedRepo(store.members, READS.members, records, {
    get: (guildId: string, userId: string) =>
      records.read("m\0" + guildId + "\0" + userId, () => store.members.get(guildId, userId)),
  });
  const sessions = cachedSessions(
    store.sessions,
    records,
    (revoked) => bus.publish({ t: "USER_UPDATE", d: null, to: { userIds: [] }, revoked }),
  );
  const wrapped = { sessions, channels, guilds, members } as Partial<Store>;
  return new Proxy(store, {
    get(target, prop) {
      if (typeof prop === "string" && prop in wrapped) return wrapped[prop as keyof Store];
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * The sessions with `getFamily` cached. Only a revocation changes a cached
 * family (nothing else writes to one once it exists): it empties this
 * instance's cache once it ends and is announced to the other instances
 * on the bus, before the caller hears it is done.
 */
function cachedSessions(
  repo: SessionRepo,
  records: Records,
  announce: (revoked: SessionRevocation) => Promise<void>,
): SessionRepo {
  async function revoking(write: Promise<void>, revoked: SessionRevocation): Promise<void> {
    try {
      await write;
    } finally {
      records.clear();
    }
    await announce(revoked);
  }
  return {
    create: (family, token) => repo.create(family, token),
    getFamily: (id) => records.read("s\0" + id, () => repo.getFamily(id)),
    rotate: (oldHash, next, now) => repo.rotate(oldHash, next, now),
    familyOfToken: (hash) => repo.familyOfToken(hash),
    revokeFamily: (familyId, now) => revoking(repo.revokeFamily(familyId, now), { familyId }),
    revokeAllForUser: (userId, now) => revoking(repo.revokeAllForUser(userId, now), { userId }),
  };
}

/**
 * The repository with `cached` in place of some of its reads, its other
 * reads passed through, and every other method (a write) emptying the
 * cache once it ends (until then, readers see the record as it was).
 */
function cachedRepo<R extends object>(
  repo: R,
  reads: ReadonlySet<string>,
  records: Records,
  cached: Partial<Record<keyof R, unknown>>,
): R {
  return new Proxy(repo, {
    get(target, prop) {
      if (typeof prop === "string" && prop in cached) return cached[prop as keyof R];
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (typeof prop === "string" && reads.has(prop)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } finally {
          records.clear();
        }
      };
    },
  });
}

/** Freezes a record and the arrays and objects it holds. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
