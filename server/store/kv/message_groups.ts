/**
 * Group commit of new messages. A send's commit is most of what Deno KV
 * costs it (the WAL pages of the message, its nonce and its postings, and
 * a sync), so this process keeps one message commit under way at a time,
 * and the sends that arrive meanwhile go together in the next one: a
 * single atomic operation that holds each message with its own checks and
 * keys, and raises each channel's `lastMessageId` once. Alone, a send
 * costs one commit as before; under load, one commit serves many.
 *
 * A group whose commit fails a check is tried once more on fresh reads of
 * its channels (a rename, or another process's message, changed one);
 * refused again (an author's repeated nonce), it is written one message at
 * a time, each with its usual retries, so one message never decides the
 * fate of another. A group stays within KV's limits on one atomic
 * operation.
 */
import { BoundedMap } from "../../bounded_map.ts";
import type { ChannelRecord } from "../channels.ts";
import type { MessageRecord } from "../messages.ts";
import { channelKey } from "./channels.ts";
import {
  addNewMessage,
  byId,
  byNonce,
  type Created,
  raiseLastMessage,
  wordKey,
  wordsOf,
} from "./message_keys.ts";

/** Writes one message in a commit of its own (with its retries). */
export type WriteAlone = (message: MessageRecord) => Promise<Created>;

/** Messages per group at most: two checks each, and one per channel, stay under KV's 100. */
const MAX_GROUP = 32;
/** What one group may add up to, with room to spare under KV's limits on one atomic operation. */
const BUDGET = { mutations: 900, keyBytes: 72 * 1024, totalBytes: 720 * 1024 };
/** Channel entries this process wrote last, kept at most. */
const MAX_WRITTEN_CHANNELS = 1000;

/** An upper bound of what a message adds to an atomic operation. */
interface Cost {
  mutations: number;
  keyBytes: number;
  totalBytes: number;
}

interface Queued {
  message: MessageRecord;
  /** The words it is indexed under, found once for its cost and its postings. */
  words: string[];
  known: Deno.KvEntry<ChannelRecord> | null;
  cost: Cost;
  resolve(created: Created): void;
  reject(error: unknown): void;
}

/** The group committer of one KV database in this process. */
export class MessageGroups {
  #queue: Queued[] = [];
  #busy = false;
  /**
   * The channel entries this process last wrote, by channel: a group raises
   * `lastMessageId` against them without reading, since the entry a sender
   * read during its access check may predate the previous group's raise.
   */
  #written = new BoundedMap<string, Deno.KvEntry<ChannelRecord>>(MAX_WRITTEN_CHANNELS);

  constructor(private readonly kv: Deno.Kv, private readonly alone: WriteAlone) {}

  /** Stores the message in the next group commit; `known` is its channel as the caller read it. */
  create(message: MessageRecord, known: Deno.KvEntry<ChannelRecord> | null): Promise<Created> {
    return new Promise((resolve, reject) => {
      const words = wordsOf(message);
      this.#queue.push({ message, words, known, cost: costOf(message, words), resolve, reject });
      if (!this.#busy) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    try {
      while (this.#queue.length > 0) await this.#commit(this.#take());
    } finally {
      this.#busy = false;
    }
  }

  /**
   * The next group, in arrival order, as large as the limits allow. A
   * message repeating the nonce of one already in the group waits for the
   * next: its check must see the first one stored.
   */
  #take(): Queued[] {
    const group: Queued[] = [];
    const rest: Queued[] = [];
    const nonces = new Set<string>();
    const sum: Cost = { mutations: 0, keyBytes: 0, totalBytes: 0 };
    let full = false;
    for (const q of this.#queue) {
      const nonce = JSON.stringify([q.message.authorId, q.message.nonce]);
      full ||= group.length === MAX_GROUP ||
        (group.length > 0 && !fits(sum, q.cost));
      if (full || nonces.has(nonce)) {
        rest.push(q);
        continue;
      }
      nonces.add(nonce);
      group.push(q);
      sum.mutations += q.cost.mutations;
      sum.keyBytes += q.cost.keyBytes;
      sum.totalBytes += q.cost.totalBytes;
    }
    this.#queue = rest;
    return group;
  }

  async #commit(group: Queued[]): Promise<void> {
    // A failed check is most often a channel changed since it was read (a
    // rename, a message from another process): once more on fresh reads.
    for (const fresh of [false, true]) {
      try {
        if (await this.#commitTogether(group, fresh)) {
          for (const q of group) q.resolve({ created: true, message: q.message });
          return;
        }
      } catch (error) {
        if (group.length === 1) return group[0].reject(error);
        break; // beyond a limit after all: alone, each message answers for itself
      }
      for (const q of group) this.#written.delete(q.message.channelId);
    }
    // Refused again: an author's repeated nonce, say. Each message answers for itself.
    for (const q of group) {
      try {
        q.resolve(await this.alone(q.message));
      } catch (error) {
        q.reject(error);
      }
    }
  }

  /** One atomic operation for the whole group; false when a check failed. */
  async #commitTogether(group: Queued[], fresh: boolean): Promise<boolean> {
    const newest = new Map<string, string>();
    const op = this.kv.atomic();
    for (const { message, words } of group) {
      addNewMessage(op, message, words);
      const last = newest.get(message.channelId);
      if (last === undefined || message.id > last) newest.set(message.channelId, message.id);
    }
    const channels = await this.#channels(fresh ? [] : group, [...newest.keys()]);
    const raised = new Map<string, ChannelRecord>();
    for (const [channelId, id] of newest) {
      const record = raiseLastMessage(op, channels.get(channelId)!, id);
      if (record) raised.set(channelId, record);
    }
    const result = await op.commit();
    if (!result.ok) return false;
    for (const [channelId, value] of raised) {
      this.#written.set(channelId, {
        key: channelKey(channelId),
        value,
        versionstamp: result.versionstamp,
      });
    }
    return true;
  }

  /**
   * Each channel's newest entry known here: the last one this process
   * wrote or the one a sender of `group` read, whichever is newer; read
   * when neither (with an empty `group`: read unless written here since).
   */
  async #channels(
    group: Queued[],
    channelIds: string[],
  ): Promise<Map<string, Deno.KvEntryMaybe<ChannelRecord>>> {
    const out = new Map<string, Deno.KvEntryMaybe<ChannelRecord>>();
    for (const id of channelIds) {
      const written = this.#written.get(id);
      if (written) out.set(id, written);
    }
    for (const { known } of group) {
      const mine = known && out.get(known.value.id);
      if (known && !(mine?.versionstamp && mine.versionstamp >= known.versionstamp)) {
        out.set(known.value.id, known);
      }
    }
    const missing = channelIds.filter((id) => !out.has(id));
    for (let i = 0; i < missing.length; i += 10) {
      const keys = missing.slice(i, i + 10).map(channelKey);
      for (const entry of await this.kv.getMany<ChannelRecord[]>(keys)) {
        out.set(entry.key[1] as string, entry);
      }
    }
    return out;
  }
}

function fits(sum: Cost, more: Cost): boolean {
  return sum.mutations + more.mutations <= BUDGET.mutations &&
    sum.keyBytes + more.keyBytes <= BUDGET.keyBytes &&
    sum.totalBytes + more.totalBytes <= BUDGET.totalBytes;
}

const encoder = new TextEncoder();

/**
 * An upper bound of a key's encoded size: each string part at most twice
 * its UTF-8 bytes (KV escapes zero bytes) plus a tag and a terminator.
 */
function keyBytes(key: Deno.KvKey): number {
  let n = 0;
  for (const part of key) n += typeof part === "string" ? 2 * encoder.encode(part).length + 2 : 10;
  return n;
}

/** What {@link addNewMessage} and a raise of its channel add to an atomic operation, at most. */
function costOf(m: MessageRecord, words: string[]): Cost {
  let keys = keyBytes(byId(m.channelId, m.id)) + keyBytes(byNonce(m.authorId, m.nonce)) +
    keyBytes(channelKey(m.channelId));
  for (const w of words) keys += keyBytes(wordKey(m.guildId!, w, m.id));
  // Values are serialised by V8: at most two bytes per UTF-16 unit of their JSON, plus framing.
  const values = 2 * JSON.stringify(m).length + 2 * 128 + words.length * 64 + 4096;
  return { mutations: 3 + words.length, keyBytes: keys, totalBytes: keys + values };
}
