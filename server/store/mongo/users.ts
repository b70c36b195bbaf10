import type { Collection, Db } from "mongodb";
import { AppError } from "../../errors.ts";
import type { UserPatch, UserRecord, UserRepo } from "../users.ts";
import { duplicateKeyFields, escapeRegex, str } from "./util.ts";

/** A user as stored in the `users` collection: the record with `id` as `_id`. */
interface UserDoc extends Omit<UserRecord, "id"> {
  _id: string;
}

function toDoc(user: UserRecord): UserDoc {
  return {
    _id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    passwordHash: user.passwordHash,
    locale: user.locale,
    avatar: user.avatar,
    createdAt: user.createdAt,
  };
}

function toRecord(doc: UserDoc): UserRecord {
  return {
    id: doc._id,
    username: doc.username,
    displayName: doc.displayName,
    email: doc.email,
    passwordHash: doc.passwordHash,
    locale: doc.locale,
    avatar: doc.avatar,
    createdAt: doc.createdAt,
  };
}

/** The `$set` document of a patch: only the patchable fields, type-checked. */
function toSet(patch: UserPatch): UserPatch {
  const set: UserPatch = {};
  if (patch.displayName !== undefined) set.displayName = str(patch.displayName, "displayName");
  if (patch.locale !== undefined) set.locale = str(patch.locale, "locale") as UserPatch["locale"];
  if (patch.avatar !== undefined) {
    set.avatar = patch.avatar === null ? null : str(patch.avatar, "avatar");
  }
  if (patch.passwordHash !== undefined) set.passwordHash = str(patch.passwordHash, "passwordHash");
  return set;
}

function usernameTaken(username: string): AppError {
  return new AppError("conflict", "Username is already taken", {
    detail: `username "${username}" belongs to another account`,
    errors: [{ path: "username", message: "already taken" }],
  });
}

function emailTaken(): AppError {
  return new AppError("conflict", "Email is already registered", {
    detail: "another account uses this e-mail address",
    errors: [{ path: "email", message: "already registered" }],
  });
}

/**
 * Users in the MongoDB `users` collection, unique by username and by e-mail
 * through unique indexes (both values are stored lower-case already).
 * Creates its indexes before it resolves.
 */
export async function mongoUsers(db: Db): Promise<UserRepo> {
  const users: Collection<UserDoc> = db.collection<UserDoc>("users");
  await users.createIndexes([
    { key: { username: 1 }, name: "username_unique", unique: true },
    { key: { email: 1 }, name: "email_unique", unique: true },
  ]);

  /** Which unique fields of `user` another account holds, when the server did not say. */
  async function takenFields(user: UserRecord): Promise<string[]> {
    if (await users.findOne({ username: str(user.username, "username") })) return ["username"];
    if (await users.findOne({ email: str(user.email, "email") })) return ["email"];
    return [];
  }

  async function findOne(field: "_id" | "username" | "email", value: string) {
    const doc = await users.findOne({ [field]: str(value, field) });
    return doc ? toRecord(doc) : null;
  }

  return {
    async create(user) {
      try {
        await users.insertOne(toDoc(user));
      } catch (error) {
        const fields = duplicateKeyFields(error);
        if (!fields) throw error;
        const taken = fields.length ? fields : await takenFields(user);
        if (taken.includes("username")) throw usernameTaken(user.username);
        if (taken.includes("email")) throw emailTaken();
        throw error;
      }
    },

    get: (id) => findOne("_id", id),

    async getMany(ids) {
      if (ids.length === 0) return [];
      const wanted = ids.map((id) => str(id, "id"));
      return (await users.find({ _id: { $in: wanted } }).toArray()).map(toRecord);
    },

    getByUsername: (username) => findOne("username", username),
    getByEmail: (email) => findOne("email", email),

    async searchByUsername(prefix, limit) {
      const max = Math.trunc(limit);
      if (!(max > 0)) return [];
      const docs = await users
        .find({ username: { $regex: `^${escapeRegex(str(prefix, "prefix"))}` } })
        .sort({ username: 1 })
        .limit(max)
        .toArray();
      return docs.map(toRecord);
    },

    async update(id, patch) {
      const set = toSet(patch);
      if (Object.keys(set).length === 0) return await findOne("_id", id);
      const doc = await users.findOneAndUpdate({ _id: str(id, "id") }, { $set: set }, {
        returnDocument: "after",
      });
      return doc ? toRecord(doc) : null;
    },
  };
}
