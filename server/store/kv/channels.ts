import { AppError } from "../../errors.ts";
import type { ChannelOverwrite, ChannelRecord, ChannelRepo } from "../channels.ts";

/** Every channel record, guild or DM, shared with the DM half of the repo. */
export const channelKey = (id: string): Deno.KvKey => ["channels", id];
/** Index of a guild's channels: `["guild_channels", guildId, channelId]` → true. */
export const guildChannelKey = (guildId: string, id: string): Deno.KvKey => [
  "guild_channels",
  guildId,
  id,
];

/** The guild-channel half of {@link ChannelRepo}; DMs live in `dm_channels.ts`. */
export type GuildChannelRepo = Omit<ChannelRepo, "getOrCreateDm" | "listDms">;

/**
 * The versionstamp each channel record read by `get` had, by the record
 * object: what lets a write that starts from a record the caller already
 * holds check that it has not changed since, without reading it again.
 */
const versions = new WeakMap<ChannelRecord, string>();

/** The record as an entry with the versionstamp it was read at, if it came from `get`. */
export function readEntry(record: ChannelRecord): Deno.KvEntry<ChannelRecord> | null {
  const versionstamp = versions.get(record);
  return versionstamp ? { key: channelKey(record.id), value: record, versionstamp } : null;
}

/** Orders channels by position, then id. */
export function byPosition(a: ChannelRecord, b: ChannelRecord): number {
  if (a.position !== b.position) return a.position - b.position;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Reads many keys, ten at a time (the KV getMany limit). */
export async function getAll<T>(kv: Deno.Kv, keys: Deno.KvKey[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += 10) {
    const entries = await kv.getMany<T[]>(keys.slice(i, i + 10));
    for (const e of entries) if (e.value !== null) out.push(e.value);
  }
  return out;
}

/** Guild channels in Deno KV, with a per-guild index written in the same atomic. */
export function kvChannels(kv: Deno.Kv): GuildChannelRepo {
  return {
    async create(channel) {
      let op = kv.atomic().check({ key: channelKey(channel.id), versionstamp: null })
        .set(channelKey(channel.id), channel);
      if (channel.guildId !== null) {
        op = op.set(guildChannelKey(channel.guildId, channel.id), true);
      }
      const result = await op.commit();
      if (!result.ok) {
        throw new AppError("conflict", "Channel already exists", {
          detail: `a channel with id ${channel.id} is already stored`,
        });
      }
    },

    async get(id) {
      const entry = await kv.get<ChannelRecord>(channelKey(id));
      if (entry.value) versions.set(entry.value, entry.versionstamp);
      return entry.value;
    },

    async listByGuild(guildId) {
      const keys: Deno.KvKey[] = [];
      for await (const e of kv.list({ prefix: ["guild_channels", guildId] })) {
        keys.push(channelKey(String(e.key[2])));
      }
      return (await getAll<ChannelRecord>(kv, keys)).sort(byPosition);
    },

    async update(id, patch) {
      for (;;) {
        const current = await kv.get<ChannelRecord>(channelKey(id));
        if (!current.value) return null;
        const defined = Object.entries(patch).filter(([, v]) => v !== undefined);
        const next: ChannelRecord = { ...current.value, ...Object.fromEntries(defined) };
        const result = await kv.atomic().check(current).set(channelKey(id), next).commit();
        if (result.ok) return next;
      }
    },

    async delete(id) {
      for (;;) {
        const current = await kv.get<ChannelRecord>(channelKey(id));
        if (!current.value) return;
        let op = kv.atomic().check(current).delete(channelKey(id));
        if (current.value.guildId !== null) {
          op = op.delete(guildChannelKey(current.value.guildId, id));
        }
        if ((await op.commit()).ok) return;
      }
    },

    setOverwrite(id, overwrite) {
      return patchOverwrites(kv, id, (list) => [
        ...list.filter((o) => o.id !== overwrite.id),
        overwrite,
      ]);
    },

    deleteOverwrite(id, targetId) {
      return patchOverwrites(kv, id, (list) => list.filter((o) => o.id !== targetId));
    },

    async bumpLastMessage(id, messageId) {
      for (;;) {
        const current = await kv.get<ChannelRecord>(channelKey(id));
        if (!current.value) return;
        const last = current.value.lastMessageId;
        if (last !== null && last >= messageId) return;
        const next = { ...current.value, lastMessageId: messageId };
        if ((await kv.atomic().check(current).set(channelKey(id), next).commit()).ok) return;
      }
    },
  };
}

/** Rewrites a channel's overwrites with a versionstamp check; null when the channel is gone. */
async function patchOverwrites(
  kv: Deno.Kv,
  id: string,
  change: (list: ChannelOverwrite[]) => ChannelOverwrite[],
): Promise<ChannelRecord | null> {
  for (;;) {
    const current = await kv.get<ChannelRecord>(channelKey(id));
    if (!current.value) return null;
    const next = { ...current.value, overwrites: change(current.value.overwrites ?? []) };
    if ((await kv.atomic().check(current).set(current.key, next).commit()).ok) return next;
  }
}
