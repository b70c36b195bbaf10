import type { Collection, Db } from "mongodb";
import type { ChannelRecord } from "../channels.ts";
import type { GuildRecord, GuildRepo, RoleRecord } from "../guilds.ts";
import type { BanRecord, MemberRecord } from "../members.ts";
import { str } from "./util.ts";

/** A guild in the `guilds` collection: the record with `id` as `_id`. */
interface GuildDoc extends Omit<GuildRecord, "id"> {
  _id: string;
}

/** A role in the `roles` collection: the record with `id` as `_id`. */
interface RoleDoc extends Omit<RoleRecord, "id"> {
  _id: string;
}

/** A channel as this repo writes it into the shared `channels` collection. */
interface ChannelDoc extends Omit<ChannelRecord, "id"> {
  _id: string;
}

function toRecord(doc: GuildDoc): GuildRecord {
  return {
    id: doc._id,
    name: doc.name,
    ownerId: doc.ownerId,
    icon: doc.icon,
    createdAt: doc.createdAt,
  };
}

function toRole(doc: RoleDoc): RoleRecord {
  return {
    id: doc._id,
    guildId: doc.guildId,
    name: doc.name,
    color: doc.color,
    position: doc.position,
    permissions: doc.permissions,
  };
}

/**
 * Guilds (`guilds`) and roles (`roles`) in MongoDB. Without relying on
 * multi-document transactions (a standalone server has none), creation
 * writes the guild document last and deletion removes it first: until it
 * exists, and once it is gone, nothing of the guild is reachable, so a
 * crash in between leaves only unreachable leftovers. Creates its indexes
 * before it resolves.
 */
export async function mongoGuilds(db: Db): Promise<GuildRepo> {
  const guilds: Collection<GuildDoc> = db.collection<GuildDoc>("guilds");
  const roles: Collection<RoleDoc> = db.collection<RoleDoc>("roles");
  const channels: Collection<ChannelDoc> = db.collection<ChannelDoc>("channels");
  const members: Collection<MemberRecord> = db.collection<MemberRecord>("members");
  const bans: Collection<BanRecord> = db.collection<BanRecord>("bans");
  const invites = db.collection("invites");
  await roles.createIndex({ guildId: 1, position: 1, _id: 1 }, { name: "guild_position" });

  async function get(id: string): Promise<GuildRecord | null> {
    const doc = await guilds.findOne({ _id: str(id, "id") });
    return doc ? toRecord(doc) : null;
  }

  return {
    async create(guild, roleRecords, channelRecords, owner) {
      const guildId = str(guild.id, "id");
      if (roleRecords.length > 0) {
        await roles.insertMany(
          roleRecords.map(({ id, ...rest }) => ({ _id: str(id, "role id"), ...rest })),
        );
      }
      if (channelRecords.length > 0) {
        await channels.insertMany(
          channelRecords.map(({ id, ...rest }) => ({ _id: str(id, "channel id"), ...rest })),
        );
      }
      await members.insertOne({ ...owner });
      await guilds.insertOne({
        _id: guildId,
        name: guild.name,
        ownerId: guild.ownerId,
        icon: guild.icon,
        createdAt: guild.createdAt,
      });
    },

    get,

    async getMany(ids) {
      if (ids.length === 0) return [];
      const docs = await guilds.find({ _id: { $in: ids.map((id) => str(id, "id")) } }).toArray();
      return docs.map(toRecord);
    },

    async update(id, patch) {
      const set: Partial<GuildDoc> = {};
      if (patch.name !== undefined) set.name = str(patch.name, "name");
      if (patch.icon !== undefined) set.icon = patch.icon === null ? null : str(patch.icon, "icon");
      if (Object.keys(set).length === 0) return await get(id);
      const doc = await guilds.findOneAndUpdate({ _id: str(id, "id") }, { $set: set }, {
        returnDocument: "after",
      });
      return doc ? toRecord(doc) : null;
    },

    async delete(id) {
      const guildId = str(id, "id");
      await guilds.deleteOne({ _id: guildId });
      await Promise.all([
        roles.deleteMany({ guildId }),
        channels.deleteMany({ guildId }),
        members.deleteMany({ guildId }),
        bans.deleteMany({ guildId }),
        invites.deleteMany({ guildId }),
      ]);
    },

    async listRoles(guildId) {
      const docs = await roles.find({ guildId: str(guildId, "guildId") })
        .sort({ position: 1, _id: 1 })
        .toArray();
      return docs.map(toRole);
    },
  };
}
