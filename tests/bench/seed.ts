/**
 * Seeds a Deno KV database for the fan-out benchmark straight through the
 * Store port: N users sharing one precomputed password hash (registering
 * thousands through PBKDF2 would take minutes), one guild owned by the
 * first user with every other user a member, and its `general` channel.
 *
 * Run as its own process so a store still being written cannot break the
 * baseline targets: `deno run -A seed.ts <dataDir> <n>`. Prints one JSON
 * line: {@link SeedResult}.
 */
import { pbkdf2Hasher } from "../../server/auth/password.ts";
import { ulidGenerator } from "../../server/ids.ts";
import type { ChannelRecord, MemberRecord, RoleRecord, Store } from "../../server/store/port.ts";
import { openKvStore } from "../../server/store/kv/mod.ts";

/** What the seed made; the runner logs these users in. */
export interface SeedResult {
  guildId: string;
  channelId: string;
  usernames: string[];
  password: string;
}

/** The shared password of every seeded account. */
export const BENCH_PASSWORD = "benchpass";

/** VIEW_CHANNEL, SEND_MESSAGES, CREATE_INVITE, ADD_REACTIONS, ATTACH_FILES, CONNECT, SPEAK. */
const EVERYONE_PERMISSIONS = String(
  (1 << 0) | (1 << 1) | (1 << 9) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14),
);

/** The username of the i-th seeded account. */
export function benchUsername(i: number): string {
  return `bench${String(i).padStart(5, "0")}`;
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function member(guildId: string, userId: string, now: string): MemberRecord {
  return { guildId, userId, nick: null, roleIds: [], joinedAt: now, timeoutUntil: null };
}

function channel(
  id: string,
  guildId: string,
  type: "text" | "voice",
  name: string,
  now: string,
): ChannelRecord {
  const position = type === "text" ? 0 : 1;
  return {
    id,
    type,
    guildId,
    name,
    topic: null,
    position,
    recipientIds: [],
    lastMessageId: null,
    createdAt: now,
  };
}

/** Creates the users, the guild with its channels, and the memberships. */
export async function seed(store: Store, n: number): Promise<SeedResult> {
  const ids = ulidGenerator();
  const now = new Date().toISOString();
  const passwordHash = await pbkdf2Hasher(100_000).hash(BENCH_PASSWORD);
  const users = Array.from({ length: n }, (_, i) => ({
    id: ids.next(),
    username: benchUsername(i),
    displayName: `Bench ${i}`,
    email: `${benchUsername(i)}@bench.invalid`,
    passwordHash,
    locale: "en" as const,
    avatar: null,
    createdAt: now,
  }));
  await pool(users, 32, (u) => store.users.create(u));

  const guildId = ids.next();
  const owner = users[0].id;
  const everyone: RoleRecord = {
    id: guildId,
    guildId,
    name: "@everyone",
    color: 0,
    position: 0,
    permissions: EVERYONE_PERMISSIONS,
  };
  const general = channel(ids.next(), guildId, "text", "general", now);
  const voice = channel(ids.next(), guildId, "voice", "General", now);
  await store.guilds.create(
    { id: guildId, name: "Fan-out bench", ownerId: owner, icon: null, createdAt: now },
    [everyone],
    [general, voice],
    member(guildId, owner, now),
  );
  await pool(users.slice(1), 32, async (u) => {
    await store.members.add(member(guildId, u.id, now));
  });
  return {
    guildId,
    channelId: general.id,
    usernames: users.map((u) => u.username),
    password: BENCH_PASSWORD,
  };
}

if (import.meta.main) {
  const [dataDir, count] = Deno.args;
  const n = Number(count);
  if (!dataDir || !Number.isInteger(n) || n < 1) {
    console.error("usage: seed.ts <dataDir> <n>");
    Deno.exit(2);
  }
  const store = await openKvStore(dataDir);
  try {
    console.log(JSON.stringify(await seed(store, n)));
  } finally {
    await store.close();
  }
}
