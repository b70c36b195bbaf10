import { expect, test } from "vitest";
import { roundOrder } from "./order.ts";

/** How often each target ran right after each other one over `rounds` rounds of `n`. */
function followers(n: number, rounds: number): Map<string, number> {
  const seen = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    const order = roundOrder(n, r);
    for (let k = 1; k < n; k++) {
      const pair = `${order[k - 1]}>${order[k]}`;
      seen.set(pair, (seen.get(pair) ?? 0) + 1);
    }
  }
  return seen;
}

test("roundOrder() gives every target each position once in n rounds and every other target before it once", () => {
  for (const n of [2, 4, 6]) {
    const rows = Array.from({ length: n }, (_, r) => roundOrder(n, r));
    for (const row of rows) expect([...row].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
    for (let k = 0; k < n; k++) expect(new Set(rows.map((row) => row[k])).size).toBe(n);
    const pairs = followers(n, n);
    expect(pairs.size).toBe(n * (n - 1));
    expect([...pairs.values()].every((times) => times === 1)).toBe(true);
  }
});

test("roundOrder() balances an odd number of targets over twice as many rounds", () => {
  const pairs = followers(3, 6);
  expect(pairs.size).toBe(6);
  expect([...pairs.values()].every((times) => times === 2)).toBe(true);
});

test("roundOrder() does not keep one target right after the same one, as a rotation did", () => {
  // Targets as the bench lists them: bare, sized, Socket.IO, ours.
  const before = [0, 1, 2].map((r) => {
    const order = roundOrder(4, r);
    return order[order.indexOf(3) - 1];
  });
  expect(new Set(before.filter((x) => x !== undefined)).size).toBeGreaterThan(1);
});
