import type { Collection, Db } from "mongodb";
import type { BanRecord, MemberRecord, MemberRepo } from "../members.ts";
import { duplicateKeyFields, str } from "./util.ts";

type MemberPatch = Partial<Pick<MemberRecord, "nick" | "roleIds" | "timeoutUntil">>;

function toMember(doc: MemberRecord): MemberRecord {
  return {
    guildId: doc.guildId,
    userId: doc.userId,
    nick: doc.nick,
    roleIds: doc.roleIds,
    joinedAt: doc.joinedAt,
    timeoutUntil: doc.timeoutUntil,
  };
}

function toBan(doc: BanRecord): BanRecord {
  return {
    guildId: doc.guildId,
    userId: doc.userId,
    reason: doc.reason,
    moderatorId: doc.moderatorId,
    createdAt: doc.createdAt,
  };
}

/** The `$set` document of a patch: only the patchable fields, type-checked. */
function toSet(patch: MemberPatch): MemberPatch {
  const set: MemberPatch = {};
  if (patch.nick !== undefined) set.nick = patch.nick === null ? null : str(patch.nick, "nick");
  if (patch.roleIds !== undefined) set.roleIds = patch.roleIds.map((id) => str(id, "roleId"));
  if (patch.timeoutUntil !== undefined) {
    set.timeoutUntil = patch.timeoutUntil === null ? null : str(patch.timeoutUntil, "timeoutUntil");
  }
  return set;
}

/** The filter of one membership or ban, with both ids coerced to strings. */
function pair(guildId: string, userId: string) {
  return { guildId: str(guildId, "guildId"), userId: str(userId, "userId") };
}

/**
 * Memberships (`members`) and bans (`bans`) in MongoDB, each unique by
 * `{guildId, userId}`; the member count is a count over that index.
 * Creates its indexes before it resolves.
 */
export async function mongoMembers(db: Db): Promise<MemberRepo> {
  const members: Collection<MemberRecord> = db.collection<MemberRecord>("members");
  const bans: Collection<BanRecord> = db.collection<BanRecord>("bans");
  await Promise.all([
    members.createIndexes([
      { key: { guildId: 1, userId: 1 }, name: "guild_user_unique", unique: true },
      { key: { userId: 1 }, name: "userId" },
    ]),
    bans.createIndex({ guildId: 1, userId: 1 }, { name: "guild_user_unique", unique: true }),
  ]);
  const noId = { projection: { _id: 0 } };

  async function get(guildId: string, userId: string): Promise<MemberRecord | null> {
    const doc = await members.findOne(pair(guildId, userId), noId);
    return doc ? toMember(doc) : null;
  }

  return {
    async add(member) {
      const filter = pair(member.guildId, member.userId);
      try {
        await members.insertOne(toMember(member));
      } catch (error) {
        if (duplicateKeyFields(error)) return false;
        throw error;
      }
      // A ban stored meanwhile wins: undo the join (the ban writes before it removes).
      if (await bans.findOne(filter)) {
        await members.deleteOne(filter);
        return false;
      }
      return true;
    },

    get,

    async list(guildId, after, limit) {
      const max = Math.trunc(limit);
      if (!(max > 0)) return [];
      const filter = after === null
        ? { guildId: str(guildId, "guildId") }
        : { guildId: str(guildId, "guildId"), userId: { $gt: str(after, "after") } };
      const docs = await members.find(filter, noId).sort({ userId: 1 }).limit(max).toArray();
      return docs.map(toMember);
    },

    async listUserIds(guildId) {
      const docs = await members.find({ guildId: str(guildId, "guildId") }, {
        projection: { _id: 0, userId: 1 },
      }).toArray();
      return docs.map((d) => d.userId);
    },

    async listGuildIdsOfUser(userId) {
      const docs = await members.find({ userId: str(userId, "userId") }, {
        projection: { _id: 0, guildId: 1 },
      }).toArray();
      return docs.map((d) => d.guildId);
    },

    count: (guildId) => members.countDocuments({ guildId: str(guildId, "guildId") }),

    async update(guildId, userId, patch) {
      const set = toSet(patch);
      if (Object.keys(set).length === 0) return await get(guildId, userId);
      const doc = await members.findOneAndUpdate(pair(guildId, userId), { $set: set }, {
        returnDocument: "after",
        projection: { _id: 0 },
      });
      return doc ? toMember(doc) : null;
    },

    async remove(guildId, userId) {
      return (await members.deleteOne(pair(guildId, userId))).deletedCount === 1;
    },

    async ban(ban) {
      // The ban first: a join racing with it sees the ban and undoes itself.
      const filter = pair(ban.guildId, ban.userId);
      await bans.replaceOne(filter, toBan(ban), { upsert: true });
      await members.deleteOne(filter);
    },

    async unban(guildId, userId) {
      return (await bans.deleteOne(pair(guildId, userId))).deletedCount === 1;
    },

    async getBan(guildId, userId) {
      const doc = await bans.findOne(pair(guildId, userId), noId);
      return doc ? toBan(doc) : null;
    },

    async listBans(guildId) {
      const docs = await bans.find({ guildId: str(guildId, "guildId") }, noId)
        .sort({ userId: 1 })
        .toArray();
      return docs.map(toBan);
    },
  };
}
