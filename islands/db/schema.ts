/**
 * The IndexedDB schema of the offline cache and the outbox, and opening it
 * safely. Shared by the page and the service worker, so it uses nothing but
 * IndexedDB (no DOM, no storage APIs).
 *
 * Opening never breaks the app: an upgrade creates what is missing, and a
 * database that cannot be opened or lacks a store or index (cleared by the
 * user, left by a newer or corrupt version) is deleted and rebuilt — keeping
 * the outbox entries when they can still be read, so unsent messages survive.
 */
import { deleteDB, openDB } from "idb";
import type { DBSchema, IDBPDatabase } from "idb";
import type { Channel, Guild, Message, PublicUser, ReadState } from "../../server/wire/types.ts";

import { DB_NAME } from "./names.ts";

export { DB_NAME };
/** Bump when a store or index changes, and say how to migrate in {@link migrate}. */
export const DB_VERSION = 2;

/** An unsent message. Ordered by `createdAt`; `nonce` makes sending it idempotent. */
export interface OutboxEntry {
  nonce: string;
  channelId: string;
  content: string;
  replyToId: string | null;
  /** Epoch ms when written; the send order. */
  createdAt: number;
  /** pending: waiting to be sent; sending: a flush has it; failed: refused for good; sent. */
  state: "pending" | "sending" | "failed" | "sent";
  /** Sends tried so far. */
  attempt: number;
  /** Why the last attempt failed, for `Failed to send`. */
  lastError: string | null;
  /** Who wrote it; another account never sends it. */
  userId: string | null;
}

/** A draft of a channel's composer. */
export interface DraftRecord {
  channelId: string;
  text: string;
  updatedAt: number;
}

/** The stores and indexes. */
export interface ChatDB extends DBSchema {
  messages: { key: string; value: Message; indexes: { byChannel: [string, string] } };
  guilds: { key: string; value: Guild };
  dms: { key: string; value: Channel };
  users: { key: string; value: PublicUser };
  readStates: { key: string; value: ReadState };
  drafts: { key: string; value: DraftRecord };
  outbox: { key: string; value: OutboxEntry; indexes: { byCreatedAt: number } };
  /** Small documents: the last user, relationships. */
  meta: { key: string; value: unknown };
}

type StoreName =
  | "messages"
  | "guilds"
  | "dms"
  | "users"
  | "readStates"
  | "drafts"
  | "outbox"
  | "meta";

/** Every store with its key path and indexes; {@link migrate} and the health check use it. */
const STORES: Record<StoreName, { keyPath?: string; indexes: Record<string, string | string[]> }> =
  {
    messages: { keyPath: "id", indexes: { byChannel: ["channelId", "id"] } },
    guilds: { keyPath: "id", indexes: {} },
    dms: { keyPath: "id", indexes: {} },
    users: { keyPath: "id", indexes: {} },
    readStates: { keyPath: "channelId", indexes: {} },
    drafts: { keyPath: "channelId", indexes: {} },
    outbox: { keyPath: "nonce", indexes: { byCreatedAt: "createdAt" } },
    meta: { indexes: {} },
  };

/** An open database. */
export type ChatDatabase = IDBPDatabase<ChatDB>;

let opening: Promise<ChatDatabase> | null = null;

/** The database, opened once per context (rebuilt when unusable). Rejects without IndexedDB. */
export function getDb(): Promise<ChatDatabase> {
  if (!opening) {
    opening = openHealthy().catch((error) => {
      opening = null;
      throw error;
    });
  }
  return opening;
}

/** Closes and deletes the database (logout), then lets the next {@link getDb} start afresh. */
export async function destroyDb(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) (await current.catch(() => null))?.close();
  await deleteDB(DB_NAME);
}

async function openHealthy(): Promise<ChatDatabase> {
  if (typeof indexedDB === "undefined") throw new Error("IndexedDB is not available");
  let salvaged: OutboxEntry[] = [];
  try {
    const db = await open();
    if (isHealthy(db)) return db;
    salvaged = await readOutbox(db);
    db.close();
  } catch {
    // Unopenable (a newer version, corrupt files): rebuild below.
  }
  await deleteDB(DB_NAME);
  const db = await open();
  if (salvaged.length) {
    const tx = db.transaction("outbox", "readwrite");
    for (const entry of salvaged) await tx.store.put(entry);
    await tx.done;
  }
  return db;
}

function open(): Promise<ChatDatabase> {
  return openDB<ChatDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      migrate(db as unknown as IDBPDatabase<unknown>, oldVersion, tx as unknown as IDBTransaction);
    },
    blocking() {
      // Another context wants to upgrade or delete: step aside; the next getDb() reopens.
      void opening?.then((db) => db.close());
      opening = null;
    },
    terminated() {
      opening = null;
    },
  });
}

/**
 * Brings any older layout (any `oldVersion`) to the current one: missing
 * stores and indexes are created, stores whose key changed are recreated
 * empty, and stores or indexes this version does not know are dropped. Data
 * in unchanged stores is kept. Add version-specific data moves here.
 */
function migrate(db: IDBPDatabase<unknown>, _oldVersion: number, tx: IDBTransaction): void {
  const raw = db as unknown as IDBDatabase;
  for (const name of [...raw.objectStoreNames]) {
    if (!(name in STORES)) raw.deleteObjectStore(name);
  }
  for (const [name, spec] of Object.entries(STORES)) {
    let store: IDBObjectStore;
    if (raw.objectStoreNames.contains(name)) {
      store = tx.objectStore(name);
      if (store.keyPath !== (spec.keyPath ?? null)) {
        raw.deleteObjectStore(name);
        store = raw.createObjectStore(name, spec.keyPath ? { keyPath: spec.keyPath } : {});
      }
    } else {
      store = raw.createObjectStore(name, spec.keyPath ? { keyPath: spec.keyPath } : {});
    }
    for (const index of [...store.indexNames]) {
      if (!(index in spec.indexes)) store.deleteIndex(index);
    }
    for (const [index, keyPath] of Object.entries(spec.indexes)) {
      if (!store.indexNames.contains(index)) store.createIndex(index, keyPath);
    }
  }
}

function isHealthy(db: ChatDatabase): boolean {
  const raw = db as unknown as IDBDatabase;
  for (const [name, spec] of Object.entries(STORES)) {
    if (!raw.objectStoreNames.contains(name)) return false;
    const indexes = Object.keys(spec.indexes);
    if (indexes.length === 0) continue;
    const store = raw.transaction(name, "readonly").objectStore(name);
    if (!indexes.every((index) => store.indexNames.contains(index))) return false;
  }
  return true;
}

async function readOutbox(db: ChatDatabase): Promise<OutboxEntry[]> {
  try {
    if (!(db as unknown as IDBDatabase).objectStoreNames.contains("outbox")) return [];
    const rows = await db.getAll("outbox");
    return rows.filter((row) =>
      typeof row?.nonce === "string" && typeof row.channelId === "string"
    );
  } catch {
    return [];
  }
}
