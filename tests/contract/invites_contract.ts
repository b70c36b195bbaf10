/** Contract of `InviteRepo`: unique codes, atomic uses, expiry, listing, deletion. */
import { beforeEach, describe, expect, test } from "vitest";
import { AppError } from "../../server/errors.ts";
import type { InviteRecord, Store } from "../../server/store/port.ts";
import { AFTER_EXPIRY, EXPIRES, NOW, unique } from "./fixtures.ts";

/** Registers the invites part of the contract; `current` is the store of the running test. */
export function invitesContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  function invite(overrides: Partial<InviteRecord> = {}): InviteRecord {
    return {
      code: unique("i"),
      guildId: unique("g"),
      inviterId: unique("u"),
      maxUses: null,
      uses: 0,
      expiresAt: EXPIRES,
      createdAt: NOW,
      ...overrides,
    };
  }

  describe("invites", () => {
    test("create stores an invite that get returns; unknown codes give null", async () => {
      const i = invite();
      await store.invites.create(i);
      expect(await store.invites.get(i.code)).toEqual(i);
      expect(await store.invites.get(unique("i"))).toBeNull();
    });

    test("create refuses a code that is taken, keeping the first invite", async () => {
      const i = invite();
      await store.invites.create(i);
      const err = await store.invites.create({ ...i, guildId: unique("g") }).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe("conflict");
      expect(await store.invites.get(i.code)).toEqual(i);
    });

    test("use counts one use per call and reports missing codes", async () => {
      const i = invite({ maxUses: 2 });
      await store.invites.create(i);
      expect(await store.invites.use(i.code, NOW)).toEqual({
        kind: "used",
        invite: { ...i, uses: 1 },
      });
      expect(await store.invites.use(i.code, NOW)).toEqual({
        kind: "used",
        invite: { ...i, uses: 2 },
      });
      expect(await store.invites.use(i.code, NOW)).toEqual({ kind: "exhausted" });
      expect((await store.invites.get(i.code))?.uses).toBe(2);
      expect(await store.invites.use(unique("i"), NOW)).toEqual({ kind: "missing" });
    });

    test("use refuses an expired invite without counting; a never-expiring one always works", async () => {
      const i = invite();
      const forever = invite({ expiresAt: null });
      await store.invites.create(i);
      await store.invites.create(forever);
      expect(await store.invites.use(i.code, AFTER_EXPIRY)).toEqual({ kind: "expired" });
      expect(await store.invites.use(i.code, EXPIRES)).toEqual({ kind: "expired" });
      expect((await store.invites.get(i.code))?.uses).toBe(0);
      expect((await store.invites.use(forever.code, AFTER_EXPIRY)).kind).toBe("used");
    });

    test("concurrent uses of an invite with one use left admit exactly one", async () => {
      const i = invite({ maxUses: 1 });
      await store.invites.create(i);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.invites.use(i.code, NOW)),
      );
      expect(results.filter((r) => r.kind === "used")).toHaveLength(1);
      expect(results.filter((r) => r.kind === "exhausted")).toHaveLength(7);
      expect((await store.invites.get(i.code))?.uses).toBe(1);
    });

    test("listByGuild lists a guild's invites; delete removes one", async () => {
      const guildId = unique("g");
      const a = invite({ guildId });
      const b = invite({ guildId });
      await store.invites.create(a);
      await store.invites.create(b);
      await store.invites.create(invite());
      const byCode = (x: InviteRecord, y: InviteRecord) => (x.code < y.code ? -1 : 1);
      expect((await store.invites.listByGuild(guildId)).sort(byCode)).toEqual([a, b].sort(byCode));
      await store.invites.delete(a.code);
      expect(await store.invites.get(a.code)).toBeNull();
      expect(await store.invites.listByGuild(guildId)).toEqual([b]);
      await store.invites.delete(unique("i")); // unknown: no error
    });
  });
}
