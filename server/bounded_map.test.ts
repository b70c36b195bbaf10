import { expect, test } from "vitest";
import { BoundedMap } from "./bounded_map.ts";

test("BoundedMap forgets the oldest key beyond its size, and setting a key makes it the newest", () => {
  const map = new BoundedMap<string, number>(2);
  map.set("a", 1).set("b", 2).set("a", 3).set("c", 4);
  expect([...map]).toEqual([["a", 3], ["c", 4]]);
  map.set("d", 5);
  expect([...map.keys()]).toEqual(["c", "d"]);
  expect(map.size).toBe(2);
});
