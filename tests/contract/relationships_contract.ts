/** Contract of `RelationshipRepo`: both sides written together, listed per user. */
import { beforeEach, describe, expect, test } from "vitest";
import type { RelationshipRecord, Store } from "../../server/store/port.ts";
import type { RelationshipType } from "../../server/wire/types.ts";
import { NOW, unique } from "./fixtures.ts";

function side(userId: string, otherId: string, type: RelationshipType): RelationshipRecord {
  return { userId, otherId, type, since: NOW };
}

/** Registers the relationships part of the contract; `current` is the store of the running test. */
export function relationshipsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("relationships", () => {
    test("get returns null when the users have no relationship", async () => {
      expect(await store.relationships.get(unique("id"), unique("id"))).toBeNull();
    });

    test("setPair stores both sides, each readable from its own user", async () => {
      const [a, b] = [unique("id"), unique("id")];
      await store.relationships.setPair(a, b, side(a, b, "outgoing"), side(b, a, "incoming"));
      expect(await store.relationships.get(a, b)).toEqual(side(a, b, "outgoing"));
      expect(await store.relationships.get(b, a)).toEqual(side(b, a, "incoming"));
    });

    test("setPair replaces both sides, and null deletes a side", async () => {
      const [a, b] = [unique("id"), unique("id")];
      await store.relationships.setPair(a, b, side(a, b, "friend"), side(b, a, "friend"));
      await store.relationships.setPair(a, b, side(a, b, "blocked"), null);
      expect(await store.relationships.get(a, b)).toEqual(side(a, b, "blocked"));
      expect(await store.relationships.get(b, a)).toBeNull();
      await store.relationships.setPair(a, b, null, null);
      expect(await store.relationships.get(a, b)).toBeNull();
      expect(await store.relationships.list(a)).toEqual([]);
    });

    test("list returns only the user's own sides", async () => {
      const [a, b, c, d] = [unique("id"), unique("id"), unique("id"), unique("id")];
      await store.relationships.setPair(a, b, side(a, b, "friend"), side(b, a, "friend"));
      await store.relationships.setPair(c, a, side(c, a, "outgoing"), side(a, c, "incoming"));
      await store.relationships.setPair(b, d, side(b, d, "blocked"), null);
      const mine = await store.relationships.list(a);
      const byOther = (x: RelationshipRecord, y: RelationshipRecord) =>
        x.otherId < y.otherId ? -1 : 1;
      expect(mine.sort(byOther)).toEqual(
        [side(a, b, "friend"), side(a, c, "incoming")].sort(byOther),
      );
      expect(await store.relationships.list(d)).toEqual([]);
    });
  });
}
