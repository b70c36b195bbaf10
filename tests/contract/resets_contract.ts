/** Contract of `ResetTokenRepo`: single use, expiry. */
import { beforeEach, describe, expect, test } from "vitest";
import { AFTER_EXPIRY, EXPIRES, NOW, unique } from "./fixtures.ts";
import type { Store } from "../../server/store/port.ts";

/** Registers the resets part of the contract; `current` is the store of the running test. */
export function resetsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("resets", () => {
    function reset(expiresAt = EXPIRES) {
      return { hash: unique("r"), userId: unique("user"), expiresAt };
    }

    test("consume returns the token once, then null", async () => {
      const t = reset();
      await store.resets.create(t);
      expect(await store.resets.consume(t.hash, NOW)).toEqual(t);
      expect(await store.resets.consume(t.hash, NOW)).toBeNull();
    });

    test("concurrent consumes of one token succeed exactly once", async () => {
      const t = reset();
      await store.resets.create(t);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.resets.consume(t.hash, NOW)),
      );
      expect(results.filter((r) => r !== null)).toEqual([t]);
    });

    test("consume of an expired token returns null, also at the expiry instant", async () => {
      const late = reset();
      const atExpiry = reset();
      await store.resets.create(late);
      await store.resets.create(atExpiry);
      expect(await store.resets.consume(late.hash, AFTER_EXPIRY)).toBeNull();
      expect(await store.resets.consume(atExpiry.hash, EXPIRES)).toBeNull();
    });

    test("consume of an unknown token returns null", async () => {
      expect(await store.resets.consume(unique("r"), NOW)).toBeNull();
    });
  });
}
