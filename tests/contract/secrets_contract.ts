/** Contract of `SecretRepo`: the first value stored wins. */
import { beforeEach, describe, expect, test } from "vitest";
import { unique } from "./fixtures.ts";
import type { Store } from "../../server/store/port.ts";

/** Registers the secrets part of the contract; `current` is the store of the running test. */
export function secretsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe("secrets", () => {
    test("getOrCreate stores the made value once and returns it afterwards", async () => {
      const name = unique("secret");
      expect(await store.secrets.getOrCreate(name, () => "first")).toBe("first");
      let made = 0;
      const again = await store.secrets.getOrCreate(name, () => {
        made += 1;
        return "second";
      });
      expect(again).toBe("first");
      expect(made).toBe(0);
    });

    test("concurrent getOrCreate callers all get the first value stored", async () => {
      const name = unique("secret");
      const values = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.secrets.getOrCreate(name, async () => {
            await new Promise((resolve) => setTimeout(resolve, i % 3));
            return `value-${i}`;
          })),
      );
      expect(new Set(values).size).toBe(1);
      expect(await store.secrets.getOrCreate(name, () => "late")).toBe(values[0]);
    });
  });
}
