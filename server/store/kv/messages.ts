import { indexWords } from "../../messages/words.ts";
import type { ChannelRecord } from "../channels.ts";
import type { HistoryQuery, MessageRecord, MessageRepo, SearchQuery } from "../messages.ts";
import { channelKey, readEntry } from "./channels.ts";
import { MessageGroups } from "./message_groups.ts";
import {
  addNewMessage,
  byId,
  byNonce,
  type Created,
  END,
  raiseLastMessage,
  reindex,
} from "./message_keys.ts";

type Patch = Parameters<MessageRepo["update"]>[2];

/**
 * Messages in Deno KV: `["msg", channelId, id]`, with the author's nonce
 * (`["msg_nonce", authorId, nonce]`), pins and the guild word index written
 * in the same atomic operation as the message. Creating also raises the
 * channel's `lastMessageId` in that operation (checked against the
 * channel's versionstamp); concurrent creates share their commit
 * ({@link MessageGroups}).
 */
export function kvMessages(kv: Deno.Kv): MessageRepo {
  /** Reads, changes and writes a message with a version check, retrying on conflict. */
  async function modify(
    channelId: string,
    id: string,
    change: (m: MessageRecord) => MessageRecord | null,
  ): Promise<{ before: MessageRecord; after: MessageRecord } | null> {
    for (;;) {
      const entry = await kv.get<MessageRecord>(byId(channelId, id));
      if (!entry.value) return null;
      const next = change(entry.value);
      if (!next) return { before: entry.value, after: entry.value };
      const op = kv.atomic().check(entry).set(byId(channelId, id), next);
      reindex(op, entry.value, next);
      if ((await op.commit()).ok) return { before: entry.value, after: next };
    }
  }

  async function byNonceLookup(authorId: string, nonce: string): Promise<MessageRecord | null> {
    const ref = (await kv.get<{ channelId: string; id: string }>(byNonce(authorId, nonce))).value;
    return ref ? (await kv.get<MessageRecord>(byId(ref.channelId, ref.id))).value : null;
  }

  /**
   * Writes one message in a commit of its own, raising its channel's
   * `lastMessageId` there against a fresh read of the channel, read again
   * when a change to the channel fails the commit.
   */
  async function writeAlone(message: MessageRecord): Promise<Created> {
    for (;;) {
      const channel = await kv.get<ChannelRecord>(channelKey(message.channelId));
      const op = kv.atomic();
      addNewMessage(op, message);
      raiseLastMessage(op, channel, message.id);
      if ((await op.commit()).ok) return { created: true, message };
      const existing = await byNonceLookup(message.authorId, message.nonce);
      if (existing) return { created: false, message: existing };
      if ((await kv.get(byId(message.channelId, message.id))).versionstamp) {
        throw new Error(`message id ${message.id} is already in use`);
      }
      // The channel changed since it was read, or the nonce's message was just deleted.
    }
  }

  const groups = new MessageGroups(kv, writeAlone);

  return {
    create(message, channel) {
      const known = channel?.id === message.channelId ? readEntry(channel) : null;
      return groups.create(message, known);
    },

    async get(channelId, id) {
      return (await kv.get<MessageRecord>(byId(channelId, id))).value;
    },

    async list(channelId, query: HistoryQuery) {
      const limit = Math.max(0, Math.min(Math.trunc(query.limit), 1000));
      if (limit === 0) return [];
      const oldestFirst = query.after !== undefined && query.before === undefined;
      const start = query.after !== undefined ? byId(channelId, query.after) : ["msg", channelId];
      const end = byId(channelId, query.before ?? END);
      const out: MessageRecord[] = [];
      const iter = kv.list<MessageRecord>({ start, end }, {
        reverse: !oldestFirst,
        limit: limit + 1,
      });
      for await (const entry of iter) {
        if (entry.key[2] === query.after) continue; // `start` is inclusive
        out.push(entry.value);
        if (out.length === limit) break;
      }
      return oldestFirst ? out.reverse() : out;
    },

    async update(channelId, id, patch: Patch) {
      const defined = Object.entries(patch).filter(([, v]) => v !== undefined);
      const done = await modify(channelId, id, (m) => ({ ...m, ...Object.fromEntries(defined) }));
      return done?.after ?? null;
    },

    async delete(channelId, id) {
      for (;;) {
        const entry = await kv.get<MessageRecord>(byId(channelId, id));
        if (!entry.value) return false;
        const m = entry.value;
        const op = kv.atomic().check(entry).delete(byId(channelId, id));
        const nonce = await kv.get<{ id: string }>(byNonce(m.authorId, m.nonce));
        if (nonce.value?.id === id) op.check(nonce).delete(byNonce(m.authorId, m.nonce));
        reindex(op, m, null);
        if ((await op.commit()).ok) return true;
      }
    },

    async addReaction(channelId, id, emoji, userId) {
      const done = await modify(channelId, id, (m) => {
        const users = m.reactions[emoji] ?? [];
        if (users.includes(userId)) return null;
        return { ...m, reactions: { ...m.reactions, [emoji]: [...users, userId] } };
      });
      return done ? done.before !== done.after : null;
    },

    async removeReaction(channelId, id, emoji, userId) {
      const done = await modify(channelId, id, (m) => {
        const users = m.reactions[emoji] ?? [];
        if (!users.includes(userId)) return null;
        const reactions = { ...m.reactions, [emoji]: users.filter((u) => u !== userId) };
        if (reactions[emoji].length === 0) delete reactions[emoji];
        return { ...m, reactions };
      });
      return done ? done.before !== done.after : null;
    },

    async purgeChannel(channelId, max) {
      let purged = 0;
      for (;;) {
        const limit = Math.min(PURGE_BATCH, max - purged);
        if (limit <= 0) return purged;
        const iter = kv.list<MessageRecord>({ prefix: ["msg", channelId] }, { limit });
        const entries: Deno.KvEntry<MessageRecord>[] = [];
        for await (const entry of iter) entries.push(entry);
        if (entries.length === 0) return purged;
        // A batch that lost a race with a change to one of its messages is listed again.
        if (await deleteAll(kv, entries)) purged += entries.length;
      }
    },

    async listPinned(channelId) {
      const ids: string[] = [];
      const iter = kv.list({ prefix: ["msg_pin", channelId] }, { reverse: true });
      for await (const entry of iter) ids.push(entry.key[2] as string);
      const out: MessageRecord[] = [];
      for (let i = 0; i < ids.length; i += 10) {
        const entries = await kv.getMany<MessageRecord[]>(
          ids.slice(i, i + 10).map((id) => byId(channelId, id)),
        );
        for (const e of entries) if (e.value) out.push(e.value);
      }
      return out;
    },

    search: (query) => search(kv, query),
  };
}

/** Messages listed per step of a purge. */
const PURGE_BATCH = 100;
/**
 * Mutations per atomic in a purge: a message brings at most 400 postings
 * (`MAX_INDEXED_WORDS`) and three keys, so one always fits under KV's
 * limit of 1000.
 */
const PURGE_MUTATIONS = 500;

/**
 * Deletes the messages with their nonces (when still theirs), pins and
 * postings, in as few atomics as fit, each checked against the messages
 * as listed; false when a check failed (some of them may be gone).
 */
async function deleteAll(kv: Deno.Kv, entries: Deno.KvEntry<MessageRecord>[]): Promise<boolean> {
  const nonces: Deno.KvEntryMaybe<{ id: string }>[] = [];
  for (let i = 0; i < entries.length; i += 10) {
    const keys = entries.slice(i, i + 10).map(({ value: m }) => byNonce(m.authorId, m.nonce));
    nonces.push(...await kv.getMany<{ id: string }[]>(keys));
  }
  let op = kv.atomic();
  let mutations = 0;
  let ok = true;
  for (const [i, entry] of entries.entries()) {
    const m = entry.value;
    const words = m.guildId ? indexWords(m.content).length : 0;
    const size = 3 + words;
    if (mutations > 0 && mutations + size > PURGE_MUTATIONS) {
      ok = (await op.commit()).ok && ok;
      op = kv.atomic();
      mutations = 0;
    }
    op.check(entry).delete(entry.key);
    if (nonces[i].value?.id === m.id) op.check(nonces[i]).delete(nonces[i].key);
    reindex(op, m, null);
    mutations += size;
  }
  return (await op.commit()).ok && ok;
}

/** How many postings of one word are counted when choosing the rarest word. */
const PROBE = 256;
/** Candidates examined per search at most; `total` counts no further. */
const SCAN_LIMIT = 10_000;

/** How many postings `word` has, counting no further than {@link PROBE}. */
async function postings(kv: Deno.Kv, guildId: string, word: string): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix: ["msg_word", guildId, word] }, { limit: PROBE })) n++;
  return n;
}

/**
 * Walks the postings of the rarest word newest first, and keeps the
 * messages whose own words hold every other word and match the filters.
 */
async function search(kv: Deno.Kv, q: SearchQuery): Promise<{
  total: number;
  messages: MessageRecord[];
}> {
  const words = [...new Set(q.words)];
  if (words.length === 0 || q.limit <= 0) return { total: 0, messages: [] };
  const counts = await Promise.all(words.map((w) => postings(kv, q.guildId, w)));
  if (counts.includes(0)) return { total: 0, messages: [] };
  const driver = words[counts.indexOf(Math.min(...counts))];
  const messages: MessageRecord[] = [];
  const allowed = q.channelIds ? new Set(q.channelIds) : null;
  let total = 0;
  let batch: Deno.KvKey[] = [];

  async function check(keys: Deno.KvKey[]) {
    for (const { value: m } of await kv.getMany<MessageRecord[]>(keys)) {
      if (!m || (q.authorId !== undefined && m.authorId !== q.authorId)) continue;
      const own = new Set(indexWords(m.content));
      if (!words.every((w) => own.has(w))) continue;
      total++;
      if (messages.length < q.limit) messages.push(m);
    }
  }

  const iter = kv.list<string>({ prefix: ["msg_word", q.guildId, driver] }, {
    reverse: true,
    limit: SCAN_LIMIT,
  });
  for await (const entry of iter) {
    if (q.channelId !== undefined && entry.value !== q.channelId) continue;
    if (allowed && !allowed.has(entry.value)) continue;
    batch.push(byId(entry.value, entry.key[3] as string));
    if (batch.length === 10) {
      await check(batch);
      batch = [];
    }
  }
  if (batch.length) await check(batch);
  return { total, messages };
}
