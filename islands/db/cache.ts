/**
 * The offline cache: everything the user has seen (messages per channel,
 * guilds with their channels, DMs, users, read states, relationships,
 * drafts, the last user). Every call is best-effort: without IndexedDB (or
 * when it fails) reads come back empty and writes are dropped, and the app
 * simply works online-only.
 */
import type {
  Channel,
  Guild,
  Message,
  PublicUser,
  ReadState,
  Relationship,
  User,
} from "../../server/wire/types.ts";
import { type ChatDatabase, type DraftRecord, getDb } from "./schema.ts";

/** What {@link loadSnapshot} hydrates the state from. */
export interface Snapshot {
  user: User | null;
  guilds: Guild[];
  dms: Channel[];
  users: PublicUser[];
  readStates: ReadState[];
  relationships: Relationship[];
  drafts: DraftRecord[];
}

const EMPTY: Snapshot = {
  user: null,
  guilds: [],
  dms: [],
  users: [],
  readStates: [],
  relationships: [],
  drafts: [],
};

/** Everything but messages, in one read transaction. */
export function loadSnapshot(): Promise<Snapshot> {
  return attempt(async (db) => {
    const tx = db.transaction(
      ["meta", "guilds", "dms", "users", "readStates", "drafts"],
      "readonly",
    );
    const [user, relationships, guilds, dms, users, readStates, drafts] = await Promise.all([
      tx.objectStore("meta").get("user"),
      tx.objectStore("meta").get("relationships"),
      tx.objectStore("guilds").getAll(),
      tx.objectStore("dms").getAll(),
      tx.objectStore("users").getAll(),
      tx.objectStore("readStates").getAll(),
      tx.objectStore("drafts").getAll(),
    ]);
    return {
      user: isUser(user) ? user : null,
      guilds: guilds.filter((g) => typeof g?.id === "string" && Array.isArray(g.channels)),
      dms: dms.filter((c) => typeof c?.id === "string"),
      users,
      readStates,
      relationships: Array.isArray(relationships) ? relationships as Relationship[] : [],
      drafts: drafts.filter((d) => typeof d?.text === "string"),
    };
  }, EMPTY);
}

/** Replaces the guild and DM snapshot (after `ready`: what is gone on the server goes here too). */
export function saveChannels(guilds: readonly Guild[], dms: readonly Channel[]): Promise<void> {
  return attempt(async (db) => {
    const tx = db.transaction(["guilds", "dms"], "readwrite");
    await tx.objectStore("guilds").clear();
    await tx.objectStore("dms").clear();
    for (const guild of guilds) await tx.objectStore("guilds").put(guild);
    for (const dm of dms) await tx.objectStore("dms").put(dm);
    await tx.done;
  }, undefined);
}

/** Stores or replaces one guild. */
export function saveGuild(guild: Guild): Promise<void> {
  return attempt(async (db) => void await db.put("guilds", guild), undefined);
}

/** Forgets a guild and its cached messages. */
export function forgetGuild(guildId: string, channelIds: readonly string[]): Promise<void> {
  return attempt(async (db) => {
    await db.delete("guilds", guildId);
    for (const channelId of channelIds) await forgetChannelMessages(db, channelId);
  }, undefined);
}

/** Stores or replaces one DM channel. */
export function saveDm(channel: Channel): Promise<void> {
  return attempt(async (db) => void await db.put("dms", channel), undefined);
}

/** Remembers users (authors, members, recipients). */
export function saveUsers(users: readonly PublicUser[]): Promise<void> {
  if (users.length === 0) return Promise.resolve();
  return attempt(async (db) => {
    const tx = db.transaction("users", "readwrite");
    for (const user of users) await tx.store.put(user);
    await tx.done;
  }, undefined);
}

/** Replaces all read states. */
export function saveReadStates(states: readonly ReadState[]): Promise<void> {
  return attempt(async (db) => {
    const tx = db.transaction("readStates", "readwrite");
    await tx.store.clear();
    for (const state of states) await tx.store.put(state);
    await tx.done;
  }, undefined);
}

/** Stores one read state. */
export function saveReadState(state: ReadState): Promise<void> {
  return attempt(async (db) => void await db.put("readStates", state), undefined);
}

/** Replaces the relationships. */
export function saveRelationships(relationships: readonly Relationship[]): Promise<void> {
  return attempt(
    async (db) => void await db.put("meta", [...relationships], "relationships"),
    undefined,
  );
}

/** Remembers the logged-in user, for starting offline. */
export function saveUser(user: User): Promise<void> {
  return attempt(async (db) => void await db.put("meta", user, "user"), undefined);
}

/** Stores a draft ("" deletes it). */
export function saveDraft(channelId: string, text: string): Promise<void> {
  return attempt(async (db) => {
    if (text === "") await db.delete("drafts", channelId);
    else await db.put("drafts", { channelId, text, updatedAt: Date.now() });
  }, undefined);
}

/** Stores or replaces messages. */
export function putMessages(messages: readonly Message[]): Promise<void> {
  if (messages.length === 0) return Promise.resolve();
  return attempt(async (db) => {
    const tx = db.transaction("messages", "readwrite");
    for (const message of messages) await tx.store.put(message);
    await tx.done;
  }, undefined);
}

/** Replaces a message only if it is cached (updates to unseen messages are not history). */
export function replaceCachedMessage(message: Message): Promise<void> {
  return attempt(async (db) => {
    const tx = db.transaction("messages", "readwrite");
    const current = await tx.store.get(message.id);
    if (current) {
      // The shared copy has every `me` false: keep the viewer's own flags.
      const mine = new Set(current.reactions.filter((r) => r.me).map((r) => r.emoji));
      const reactions = message.reactions.map((r) => (mine.has(r.emoji) ? { ...r, me: true } : r));
      await tx.store.put({ ...message, reactions });
    }
    await tx.done;
  }, undefined);
}

/** Deletes messages by id. */
export function deleteCachedMessages(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  return attempt(async (db) => {
    const tx = db.transaction("messages", "readwrite");
    for (const id of ids) await tx.store.delete(id);
    await tx.done;
  }, undefined);
}

/**
 * Up to `limit` cached messages of a channel older than `before` (or the
 * newest ones), oldest → newest.
 */
export function cachedMessages(
  channelId: string,
  page: { before?: string; limit: number },
): Promise<Message[]> {
  return attempt(async (db) => {
    const upper = page.before ? [channelId, page.before] : [channelId, "\uffff"];
    const range = IDBKeyRange.bound([channelId, ""], upper, false, true);
    const found: Message[] = [];
    let cursor = await db.transaction("messages").store.index("byChannel").openCursor(
      range,
      "prev",
    );
    while (cursor && found.length < page.limit) {
      if (typeof cursor.value?.id === "string") found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return found.reverse();
  }, []);
}

/** The newest cached message id of each channel that has any (for refetching after them). */
export function newestCachedIds(): Promise<Map<string, string>> {
  return attempt(async (db) => {
    const newest = new Map<string, string>();
    let cursor = await db.transaction("messages").store.index("byChannel").openKeyCursor(
      null,
      "prev",
    );
    while (cursor) {
      const [channelId] = cursor.key;
      newest.set(channelId, cursor.key[1]);
      // Jump to the previous channel: everything below [channelId, ""].
      cursor = await cursor.continue([channelId, ""]);
      if (cursor && cursor.key[0] === channelId) cursor = await cursor.continue();
    }
    return newest;
  }, new Map());
}

async function forgetChannelMessages(db: ChatDatabase, channelId: string): Promise<void> {
  const range = IDBKeyRange.bound([channelId, ""], [channelId, "\uffff"]);
  const tx = db.transaction("messages", "readwrite");
  let cursor = await tx.store.index("byChannel").openCursor(range);
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}

/** Forgets a channel's cached messages. */
export function forgetChannel(channelId: string): Promise<void> {
  return attempt((db) => forgetChannelMessages(db, channelId), undefined);
}

async function attempt<T>(work: (db: ChatDatabase) => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work(await getDb());
  } catch (error) {
    if (typeof indexedDB !== "undefined") console.warn("offline cache:", error);
    return fallback;
  }
}

function isUser(value: unknown): value is User {
  const user = value as Partial<User> | undefined;
  return typeof user?.id === "string" && typeof user.username === "string";
}
