import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type Bus, localBus } from "../realtime/bus.ts";
import { kvStore } from "./kv/mod.ts";
import type { ChannelRecord, Store } from "./port.ts";
import { DEFAULT_READ_CACHE_TTL_MS, withReadCache } from "./read_cache.ts";

// A real in-memory Deno KV store. `raw` writes behind the cache's back,
// as another instance would; `cached` is what this instance's services read.
let raw: Store;
let bus: Bus;
let cached: Store;
let clock: number;

const channel: ChannelRecord = {
  id: "c1",
  type: "text",
  guildId: "g1",
  name: "general",
  topic: null,
  position: 0,
  recipientIds: [],
  lastMessageId: null,
  createdAt: "2030-01-01T00:00:00.000Z",
};

beforeEach(async () => {
  raw = kvStore(await Deno.openKv(":memory:"));
  bus = localBus();
  clock = 0;
  cached = withReadCache(raw, bus, { now: () => clock });
  await raw.channels.create(channel);
});

afterEach(async () => {
  await bus.close();
  await raw.close();
});

const nameOf = async () => (await cached.channels.get("c1"))?.name;

test("a write through this instance's store is read back at once", async () => {
  expect(await nameOf()).toBe("general");
  await cached.channels.update("c1", { name: "lobby" });
  expect(await nameOf()).toBe("lobby");
});

test("another instance's change is read once its event arrives", async () => {
  expect(await nameOf()).toBe("general");
  await raw.channels.update("c1", { name: "lobby" });
  await bus.publish({ t: "CHANNEL_UPDATE", d: {}, to: { guildId: "g1" } });
  expect(await nameOf()).toBe("lobby");
});

test("a change whose event never arrives is read once the entry is too old", async () => {
  expect(await nameOf()).toBe("general");
  await raw.channels.update("c1", { name: "lobby" });
  // Messages and typing change no cached record: they leave the entry alone.
  await bus.publish({ t: "TYPING_START", d: {}, to: { guildId: "g1" } });
  clock += DEFAULT_READ_CACHE_TTL_MS - 1;
  expect(await nameOf()).toBe("general");
  clock += 1;
  expect(await nameOf()).toBe("lobby");
});

test("a read under way when a change is announced is not kept", async () => {
  const inFlight = cached.channels.get("c1");
  await bus.publish({ t: "CHANNEL_UPDATE", d: {}, to: { guildId: "g1" } });
  await inFlight;
  await raw.channels.update("c1", { name: "lobby" });
  expect(await nameOf()).toBe("lobby");
});

test("a new message raises the cached channel's last message, from any instance", async () => {
  expect((await cached.channels.get("c1"))?.lastMessageId).toBeNull();
  await bus.publish({
    t: "MESSAGE_CREATE",
    d: { id: "m2", channelId: "c1" },
    to: { guildId: "g1" },
  });
  expect((await cached.channels.get("c1"))?.lastMessageId).toBe("m2");
  // Events may arrive out of order: an older message never lowers it.
  await bus.publish({
    t: "MESSAGE_CREATE",
    d: { id: "m1", channelId: "c1" },
    to: { guildId: "g1" },
  });
  expect((await cached.channels.get("c1"))?.lastMessageId).toBe("m2");
});

test("a missing record is not remembered", async () => {
  expect(await cached.channels.get("c2")).toBeNull();
  await raw.channels.create({ ...channel, id: "c2", name: "new" });
  expect((await cached.channels.get("c2"))?.name).toBe("new");
});

test("a read under way when a message is announced returns the channel with it", async () => {
  const inFlight = cached.channels.get("c1");
  await bus.publish({
    t: "MESSAGE_CREATE",
    d: { id: "m1", channelId: "c1" },
    to: { guildId: "g1" },
  });
  expect((await inFlight)?.lastMessageId).toBe("m1");
  expect((await cached.channels.get("c1"))?.lastMessageId).toBe("m1");
});

describe("sessions", () => {
  const family = {
    id: "f1",
    userId: "u1",
    createdAt: "2030-01-01T00:00:00.000Z",
    revokedAt: null,
  };
  const token = {
    hash: "h1",
    familyId: "f1",
    userId: "u1",
    expiresAt: "2030-02-01T00:00:00.000Z",
    rotatedAt: null,
  };
  const revokedAt = (store: Store) => store.sessions.getFamily("f1").then((f) => f?.revokedAt);
  const now = "2030-01-02T00:00:00.000Z";

  beforeEach(() => raw.sessions.create(family, token));

  test("a session revoked through this instance is refused at once", async () => {
    expect(await revokedAt(cached)).toBeNull();
    await cached.sessions.revokeFamily("f1", now);
    expect(await revokedAt(cached)).toBe(now);
  });

  test("a session revoked through another instance is refused here once that returns", async () => {
    const other = withReadCache(raw, bus, { now: () => clock });
    expect(await revokedAt(cached)).toBeNull();
    await other.sessions.revokeAllForUser("u1", now);
    expect(await revokedAt(cached)).toBe(now);
  });

  test("a live session is read from the database once while nothing revokes it", async () => {
    expect(await revokedAt(cached)).toBeNull();
    // Behind the cache's back, with no announcement: only age brings it in.
    await raw.sessions.revokeFamily("f1", now);
    expect(await revokedAt(cached)).toBeNull();
    clock += DEFAULT_READ_CACHE_TTL_MS;
    expect(await revokedAt(cached)).toBe(now);
  });
});
