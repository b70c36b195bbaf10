import { AppError } from "../../errors.ts";
import type { UserPatch, UserRecord, UserRepo } from "../users.ts";

const byId = (id: string) => ["users", id];
const byName = (username: string) => ["users_by_name", username];
const byEmail = (email: string) => ["users_by_email", email];

/** Users in Deno KV, with username and e-mail indexes written atomically. */
export function kvUsers(kv: Deno.Kv): UserRepo {
  async function resolve(key: Deno.KvKey): Promise<UserRecord | null> {
    const id = (await kv.get<string>(key)).value;
    return id ? (await kv.get<UserRecord>(byId(id))).value : null;
  }

  return {
    async create(user) {
      const result = await kv.atomic()
        .check({ key: byName(user.username), versionstamp: null })
        .check({ key: byEmail(user.email), versionstamp: null })
        .set(byId(user.id), user)
        .set(byName(user.username), user.id)
        .set(byEmail(user.email), user.id)
        .commit();
      if (result.ok) return;
      if ((await kv.get(byName(user.username))).versionstamp) {
        throw new AppError("conflict", "Username is already taken", {
          detail: `username "${user.username}" belongs to another account`,
          errors: [{ path: "username", message: "already taken" }],
        });
      }
      throw new AppError("conflict", "Email is already registered", {
        detail: "another account uses this e-mail address",
        errors: [{ path: "email", message: "already registered" }],
      });
    },

    async get(id) {
      return (await kv.get<UserRecord>(byId(id))).value;
    },

    async getMany(ids) {
      const out: UserRecord[] = [];
      for (let i = 0; i < ids.length; i += 10) {
        const entries = await kv.getMany<UserRecord[]>(ids.slice(i, i + 10).map(byId));
        for (const e of entries) if (e.value) out.push(e.value);
      }
      return out;
    },

    getByUsername: (username) => resolve(byName(username)),
    getByEmail: (email) => resolve(byEmail(email)),

    async searchByUsername(prefix, limit) {
      const ids: string[] = [];
      const iter = kv.list<string>({
        start: byName(prefix),
        end: byName(prefix + "\uffff"),
      }, { limit });
      for await (const entry of iter) ids.push(entry.value);
      const users = await this.getMany(ids);
      return users.sort((a, b) => (a.username < b.username ? -1 : 1)); // binary, as MongoDB
    },

    async update(id, patch: UserPatch) {
      for (;;) {
        const current = await kv.get<UserRecord>(byId(id));
        if (!current.value) return null;
        const defined = Object.entries(patch).filter(([, v]) => v !== undefined);
        const next: UserRecord = { ...current.value, ...Object.fromEntries(defined) };
        const result = await kv.atomic().check(current).set(byId(id), next).commit();
        if (result.ok) return next;
      }
    },
  };
}
