import type { Collection, Db } from "mongodb";
import type { ChannelRecord } from "../channels.ts";
import type { GuildRecord, GuildRepo, RoleRecord } from "../guilds.ts";
import type { BanRecord, MemberRecord } from "../members.ts";
import { AppError } from "../../errors.ts";
import { duplicateKeyFields, str } from "./util.ts";

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
        db.collection("audit_log").deleteMany({ guildId }),
      ]);
    },

    async listRoles(guildId) {
      const docs = await roles.find({ guildId: str(guildId, "guildId") })
        .sort({ position: 1, _id: 1 })
        .toArray();
      return docs.map(toRole);
    },

    async createRole(role) {
      try {
        await roles.insertOne({
          _id: str(role.id, "id"),
          guildId: str(role.guildId, "guildId"),
          name: str(role.name, "name"),
          color: int(role.color, "color"),
          position: int(role.position, "position"),
          permissions: str(role.permissions, "permissions"),
        });
      } catch (error) {
        if (!duplicateKeyFields(error)) throw error;
        throw new AppError("conflict", "Role already exists", {
          detail: `a role with id ${role.id} is already stored`,
        });
      }
    },

    async updateRole(guildId, roleId, patch) {
      const set: Partial<RoleDoc> = {};
      if (patch.name !== undefined) set.name = str(patch.name, "name");
      if (patch.color !== undefined) set.color = int(patch.color, "color");
      if (patch.permissions !== undefined) set.permissions = str(patch.permissions, "permissions");
      const filter = { _id: str(roleId, "roleId"), guildId: str(guildId, "guildId") };
      if (Object.keys(set).length === 0) {
        const doc = await roles.findOne(filter);
        return doc ? toRole(doc) : null;
      }
      const doc = await roles.findOneAndUpdate(filter, { $set: set }, { returnDocument: "after" });
      return doc ? toRole(doc) : null;
    },

    async deleteRole(guildId, roleId) {
      const filter = { _id: str(roleId, "roleId"), guildId: str(guildId, "guildId") };
      return (await roles.deleteOne(filter)).deletedCount === 1;
    },

    async reorderRoles(guildId, positions) {
      const gid = str(guildId, "guildId");
      const ids = positions.map((p) => str(p.id, "id"));
      const current = new Map(
        (await roles.find({ guildId: gid, _id: { $in: ids } }).toArray()).map((d) => [d._id, d]),
      );
      const moves = positions.filter((p) => {
        const doc = current.get(p.id);
        return doc !== undefined && doc.position !== p.position;
      });
      if (moves.length === 0) return [];
      // Without transactions the moves land one by one; positions only order roles.
      await roles.bulkWrite(moves.map((p) => ({
        updateOne: {
          filter: { _id: str(p.id, "id"), guildId: gid },
          update: { $set: { position: int(p.position, "position") } },
        },
      })));
      return moves.map((p) => toRole({ ...current.get(p.id)!, position: p.position }));
    },
  };
}

function int(value: unknown, what: string): number {
  if (!Number.isSafeInteger(value)) throw new TypeError(`${what} must be an integer`);
  return value as number;
}
