/** Contract of `SessionRepo`: families, rotation outcomes, revocation. */
import { beforeEach, describe, expect, test } from "vitest";
import { AFTER_EXPIRY, EXPIRES, family, next, NOW, token, unique } from "./fixtures.ts";
import type { Store } from "../../server/store/port.ts";

/** Registers the sessions part of the contract; `current` is the store of the running test. */
export function sessionsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("sessions", () => {
    async function started() {
      const fam = family(unique("user"));
      const first = token(fam);
      await store.sessions.create(fam, first);
      return { fam, first };
    }

    test("create stores the family and its first token", async () => {
      const { fam, first } = await started();
      expect(await store.sessions.getFamily(fam.id)).toEqual(fam);
      expect(await store.sessions.familyOfToken(first.hash)).toEqual(fam);
    });

    test("getFamily and familyOfToken return null for unknown ids", async () => {
      expect(await store.sessions.getFamily(unique("fam"))).toBeNull();
      expect(await store.sessions.familyOfToken(unique("h"))).toBeNull();
    });

    test("rotate replaces a live token with its successor in the same family", async () => {
      const { fam, first } = await started();
      const second = next();
      expect(await store.sessions.rotate(first.hash, second, NOW)).toEqual({
        kind: "rotated",
        family: fam,
      });
      expect(await store.sessions.familyOfToken(second.hash)).toEqual(fam);
      const third = next();
      expect(await store.sessions.rotate(second.hash, third, NOW)).toEqual({
        kind: "rotated",
        family: fam,
      });
    });

    test("rotating an already rotated token reports reused and stores nothing", async () => {
      const { fam, first } = await started();
      await store.sessions.rotate(first.hash, next(), NOW);
      const again = next();
      expect(await store.sessions.rotate(first.hash, again, NOW)).toEqual({
        kind: "reused",
        family: fam,
      });
      expect(await store.sessions.familyOfToken(again.hash)).toBeNull();
    });

    test("rotating an unknown token reports missing", async () => {
      expect(await store.sessions.rotate(unique("h"), next(), NOW)).toEqual({ kind: "missing" });
    });

    test("rotating an expired token reports expired and stores nothing", async () => {
      const { first } = await started();
      const successor = next();
      expect(await store.sessions.rotate(first.hash, successor, AFTER_EXPIRY)).toEqual({
        kind: "expired",
      });
      expect(await store.sessions.rotate(first.hash, next(), EXPIRES)).toEqual({
        kind: "expired",
      });
      expect(await store.sessions.familyOfToken(successor.hash)).toBeNull();
    });

    test("rotating a token of a revoked family reports revoked", async () => {
      const { fam, first } = await started();
      await store.sessions.revokeFamily(fam.id, NOW);
      const successor = next();
      expect(await store.sessions.rotate(first.hash, successor, NOW)).toEqual({
        kind: "revoked",
      });
      expect(await store.sessions.familyOfToken(successor.hash)).toBeNull();
    });

    test("a reused token of a revoked family reports revoked", async () => {
      const { fam, first } = await started();
      await store.sessions.rotate(first.hash, next(), NOW);
      await store.sessions.revokeFamily(fam.id, NOW);
      expect(await store.sessions.rotate(first.hash, next(), NOW)).toEqual({ kind: "revoked" });
    });

    test("revokeFamily sets revokedAt once and keeps the first time", async () => {
      const { fam } = await started();
      await store.sessions.revokeFamily(fam.id, NOW);
      await store.sessions.revokeFamily(fam.id, AFTER_EXPIRY);
      expect(await store.sessions.getFamily(fam.id)).toEqual({ ...fam, revokedAt: NOW });
      await store.sessions.revokeFamily(unique("fam"), NOW);
    });

    test("revokeAllForUser revokes every family of that user only", async () => {
      const userId = unique("user");
      const mine = [family(userId), family(userId)];
      const other = family(unique("user"));
      for (const f of [...mine, other]) await store.sessions.create(f, token(f));
      await store.sessions.revokeAllForUser(userId, NOW);
      for (const f of mine) {
        expect(await store.sessions.getFamily(f.id)).toEqual({ ...f, revokedAt: NOW });
      }
      expect(await store.sessions.getFamily(other.id)).toEqual(other);
    });

    test("familyOfToken follows rotated tokens and successors to their family", async () => {
      const { fam, first } = await started();
      const second = next();
      await store.sessions.rotate(first.hash, second, NOW);
      expect(await store.sessions.familyOfToken(first.hash)).toEqual(fam);
      expect(await store.sessions.familyOfToken(second.hash)).toEqual(fam);
    });

    test("concurrent rotations of one token yield exactly one rotated", async () => {
      const { fam, first } = await started();
      const successors = Array.from({ length: 8 }, () => next());
      const results = await Promise.all(
        successors.map((s) => store.sessions.rotate(first.hash, s, NOW)),
      );
      const winners = results.flatMap((r, i) => r.kind === "rotated" ? [i] : []);
      expect(winners).toHaveLength(1);
      for (const r of results) {
        if (r.kind !== "rotated") expect(r).toEqual({ kind: "reused", family: fam });
      }
      for (const [i, s] of successors.entries()) {
        const expected = i === winners[0] ? fam : null;
        expect(await store.sessions.familyOfToken(s.hash)).toEqual(expected);
      }
    });
  });
}
