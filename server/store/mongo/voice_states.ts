import type { ClientSession, Collection, Db } from "mongodb";
import type { VoiceStateMatch, VoiceStateRecord, VoiceStateRepo } from "../voice_states.ts";
import { duplicateKeyFields, str, ttlDate } from "./util.ts";

/**
 * A voice state in `voice_states`; `_id` is the user id (one channel per
 * user). `expiresAt` is a Date: null never lapses, and a TTL index drops
 * lapsed documents an hour after expiry.
 */
type VoiceStateDoc = Omit<VoiceStateRecord, "userId" | "expiresAt"> & {
  _id: string;
  expiresAt: Date | null;
};

/** A voice channel in `voice_rooms`: every join bumps `rev`, so concurrent joins conflict. */
interface VoiceRoomDoc {
  _id: string;
  rev: number;
}

/** A received webhook event id in `voice_events`, dropped by a TTL index. */
interface VoiceEventDoc {
  _id: string;
  expiresAt: Date;
}

/** Lapsed states cleared per join. */
const PURGE_MAX = 20;

function toDoc(s: VoiceStateRecord): VoiceStateDoc {
  return {
    _id: str(s.userId, "userId"),
    guildId: str(s.guildId, "guildId"),
    channelId: str(s.channelId, "channelId"),
    muted: s.muted === true,
    deafened: s.deafened === true,
    mode: s.mode === "livekit" ? "livekit" : "mesh",
    sessionId: str(s.sessionId, "sessionId"),
    gatewaySessionId: s.gatewaySessionId === null
      ? null
      : str(s.gatewaySessionId, "gatewaySessionId"),
    expiresAt: s.expiresAt === null ? null : ttlDate(s.expiresAt),
  };
}

function toRecord(d: VoiceStateDoc): VoiceStateRecord {
  return {
    userId: d._id,
    guildId: d.guildId,
    channelId: d.channelId,
    muted: d.muted,
    deafened: d.deafened,
    mode: d.mode,
    sessionId: d.sessionId,
    gatewaySessionId: d.gatewaySessionId,
    expiresAt: d.expiresAt === null ? null : d.expiresAt.toISOString(),
  };
}

/** The filter of live states at `now`. */
function live(now: string) {
  return { $or: [{ expiresAt: null }, { expiresAt: { $gt: ttlDate(now) } }] };
}

/** The filter of the user's state under a match (strings only). */
function matching(userId: string, match: VoiceStateMatch) {
  const filter: Record<string, string> = { _id: str(userId, "userId") };
  if (match.guildId !== undefined) filter.guildId = str(match.guildId, "guildId");
  if (match.channelId !== undefined) filter.channelId = str(match.channelId, "channelId");
  if (match.gatewaySessionId !== undefined) {
    filter.gatewaySessionId = str(match.gatewaySessionId, "gatewaySessionId");
  }
  return filter;
}

/**
 * Voice states in MongoDB. Joining runs in a transaction that bumps the
 * room's `rev`, so two joins of one room write-conflict and one retries:
 * the cap holds across instances (the app's MongoDB is a replica set).
 */
export async function mongoVoiceStates(db: Db): Promise<VoiceStateRepo> {
  const states: Collection<VoiceStateDoc> = db.collection<VoiceStateDoc>("voice_states");
  const rooms: Collection<VoiceRoomDoc> = db.collection<VoiceRoomDoc>("voice_rooms");
  const events: Collection<VoiceEventDoc> = db.collection<VoiceEventDoc>("voice_events");
  await Promise.all([
    states.createIndexes([
      { key: { guildId: 1 }, name: "guild" },
      { key: { channelId: 1 }, name: "channel" },
      { key: { expiresAt: 1 }, name: "lapse", expireAfterSeconds: 3600 },
    ]),
    events.createIndexes([{ key: { expiresAt: 1 }, name: "expiry", expireAfterSeconds: 0 }]),
  ]);

  async function joinIn(
    session: ClientSession,
    state: VoiceStateRecord,
    limit: number,
    now: string,
  ) {
    const doc = toDoc(state);
    await rooms.updateOne({ _id: doc.channelId }, { $inc: { rev: 1 } }, { upsert: true, session });
    const others = await states.find({ channelId: doc.channelId, _id: { $ne: doc._id } }, {
      session,
    }).toArray();
    const at = ttlDate(now).getTime();
    const isLapsed = (d: VoiceStateDoc) => d.expiresAt !== null && d.expiresAt.getTime() <= at;
    const count = others.filter((d) => !isLapsed(d)).length;
    if (count >= limit) return { ok: false as const, count };
    const stale = others.filter(isLapsed).slice(0, PURGE_MAX);
    if (stale.length > 0) {
      await states.deleteMany({ _id: { $in: stale.map((d) => d._id) } }, { session });
    }
    const previous = await states.findOne({ _id: doc._id }, { session });
    await states.replaceOne({ _id: doc._id }, doc, { upsert: true, session });
    return {
      ok: true as const,
      previous: previous ? toRecord(previous) : null,
      purged: stale.map(toRecord),
    };
  }

  return {
    async get(userId, now) {
      const doc = await states.findOne({ _id: str(userId, "userId"), ...live(now) });
      return doc ? toRecord(doc) : null;
    },

    async listByChannel(channelId, now) {
      const docs = await states.find({ channelId: str(channelId, "channelId"), ...live(now) })
        .toArray();
      return docs.map(toRecord);
    },

    async listByGuilds(guildIds, now) {
      if (guildIds.length === 0) return [];
      const ids = guildIds.map((g) => str(g, "guildId"));
      const docs = await states.find({ guildId: { $in: ids }, ...live(now) }).toArray();
      return docs.map(toRecord);
    },

    async join(state, limit, now) {
      return await db.client.withSession((session) =>
        session.withTransaction(() => joinIn(session, state, limit, now), {
          writeConcern: { w: "majority" },
        })
      );
    },

    async update(userId, match, patch) {
      const set: Partial<VoiceStateDoc> = {};
      if (patch.muted !== undefined) set.muted = patch.muted === true;
      if (patch.deafened !== undefined) set.deafened = patch.deafened === true;
      const doc = await states.findOneAndUpdate(matching(userId, match), { $set: set }, {
        returnDocument: "after",
      });
      return doc ? toRecord(doc) : null;
    },

    async leave(userId, match) {
      const doc = await states.findOneAndDelete(matching(userId, match));
      return doc ? toRecord(doc) : null;
    },

    async refresh(userId, gatewaySessionId, expiresAt) {
      const result = await states.updateOne(
        matching(userId, { gatewaySessionId }),
        { $set: { expiresAt: ttlDate(expiresAt) } },
      );
      return result.matchedCount === 1;
    },

    async claimEvent(id, expiresAt) {
      try {
        await events.insertOne({ _id: str(id, "id"), expiresAt: ttlDate(expiresAt) });
        return true;
      } catch (e) {
        if (duplicateKeyFields(e)) return false;
        throw e;
      }
    },
  };
}
