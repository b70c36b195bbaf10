/** Contract of `UserRepo`: lookups, prefix search, updates, uniqueness. */
import { beforeEach, describe, expect, test } from "vitest";
import { AppError } from "../../server/errors.ts";
import { byId, unique, user } from "./fixtures.ts";
import type { Store } from "../../server/store/port.ts";

/** Registers the users part of the contract; `current` is the store of the running test. */
export function usersContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("users", () => {
    test("create stores a user that get returns", async () => {
      const u = user();
      await store.users.create(u);
      expect(await store.users.get(u.id)).toEqual(u);
    });

    test("get returns null for an unknown id", async () => {
      expect(await store.users.get(unique("id"))).toBeNull();
    });

    test("getMany returns only the users that exist, across batches", async () => {
      const users = Array.from({ length: 12 }, () => user());
      for (const u of users) await store.users.create(u);
      const ids = [...users.map((u) => u.id), unique("missing")];
      const found = await store.users.getMany(ids);
      expect(found.sort(byId)).toEqual([...users].sort(byId));
    });

    test("getMany of no ids is empty", async () => {
      expect(await store.users.getMany([])).toEqual([]);
    });

    test("getByUsername and getByEmail find the user; unknown values give null", async () => {
      const u = user();
      await store.users.create(u);
      expect(await store.users.getByUsername(u.username)).toEqual(u);
      expect(await store.users.getByEmail(u.email)).toEqual(u);
      expect(await store.users.getByUsername(unique())).toBeNull();
      expect(await store.users.getByEmail(`${unique()}@example.com`)).toBeNull();
    });

    test("searchByUsername returns prefix matches sorted by username", async () => {
      const p = unique("s");
      for (const n of ["carol", "alice", "bob", "al2"]) {
        await store.users.create(user({ username: `${p}${n}`, email: `${p}${n}@x.io` }));
      }
      await store.users.create(user({ username: `x${p}alice`, email: `x${p}@x.io` }));
      const all = await store.users.searchByUsername(p, 10);
      expect(all.map((u) => u.username)).toEqual(
        ["al2", "alice", "bob", "carol"].map((n) => p + n),
      );
      const al = await store.users.searchByUsername(`${p}al`, 10);
      expect(al.map((u) => u.username)).toEqual([`${p}al2`, `${p}alice`]);
    });

    test("searchByUsername returns at most limit users, the first by username", async () => {
      const p = unique("l");
      for (const n of ["d", "b", "a", "c"]) {
        await store.users.create(user({ username: `${p}${n}`, email: `${p}${n}@x.io` }));
      }
      const found = await store.users.searchByUsername(p, 2);
      expect(found.map((u) => u.username)).toEqual([`${p}a`, `${p}b`]);
    });

    test("searchByUsername matches regex metacharacters literally", async () => {
      const p = unique("r");
      await store.users.create(user({ username: `${p}a.b`, email: `${p}1@x.io` }));
      await store.users.create(user({ username: `${p}axb`, email: `${p}2@x.io` }));
      const found = await store.users.searchByUsername(`${p}a.`, 10);
      expect(found.map((u) => u.username)).toEqual([`${p}a.b`]);
      expect(await store.users.searchByUsername(`${p}.*`, 10)).toEqual([]);
    });

    test("searchByUsername with no match is empty", async () => {
      expect(await store.users.searchByUsername(unique("none"), 5)).toEqual([]);
    });

    test("update applies the patch, returns and stores the new record", async () => {
      const u = user();
      await store.users.create(u);
      const patch = { displayName: "New Name", locale: "ru" as const, avatar: "av1" };
      const updated = await store.users.update(u.id, patch);
      expect(updated).toEqual({ ...u, ...patch });
      expect(await store.users.get(u.id)).toEqual({ ...u, ...patch });
      const cleared = await store.users.update(u.id, { avatar: null, passwordHash: "new" });
      expect(cleared).toEqual({ ...u, ...patch, avatar: null, passwordHash: "new" });
      expect(await store.users.getByUsername(u.username)).toEqual(cleared);
    });

    test("update returns null when the user is missing", async () => {
      expect(await store.users.update(unique("id"), { displayName: "x" })).toBeNull();
    });

    test("create with a taken username fails with conflict and stores nothing", async () => {
      const first = user();
      await store.users.create(first);
      const second = user({ username: first.username });
      const error = await store.users.create(second).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: "conflict",
        title: "Username is already taken",
        errors: [{ path: "username", message: "already taken" }],
      });
      expect(await store.users.getByEmail(second.email)).toBeNull();
      expect(await store.users.get(second.id)).toBeNull();
      expect(await store.users.getByUsername(first.username)).toEqual(first);
    });

    test("create with a taken e-mail fails with conflict and stores nothing", async () => {
      const first = user();
      await store.users.create(first);
      const second = user({ email: first.email });
      const error = await store.users.create(second).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: "conflict",
        title: "Email is already registered",
        errors: [{ path: "email", message: "already registered" }],
      });
      expect(await store.users.getByUsername(second.username)).toBeNull();
      expect(await store.users.get(second.id)).toBeNull();
      expect(await store.users.getByEmail(first.email)).toEqual(first);
    });
  });
}
