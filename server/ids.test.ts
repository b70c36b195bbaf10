import { expect, test } from "vitest";
import { idAt, idTime, ulidGenerator } from "./ids.ts";

test("ids are 26 Crockford base32 characters carrying their creation time", () => {
  const id = ulidGenerator(() => Date.UTC(2026, 10, 22)).next();
  expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(idTime(id)).toBe(Date.UTC(2026, 10, 22));
});

test("ids made in the same millisecond still sort in creation order", () => {
  const ids = ulidGenerator(() => 1_700_000_000_000);
  const made = Array.from({ length: 1000 }, () => ids.next());
  expect([...made].sort()).toEqual(made);
  expect(new Set(made).size).toBe(1000);
});

test("a clock stepping backwards never makes an id sort before an earlier one", () => {
  let now = 2_000_000;
  const ids = ulidGenerator(() => now);
  const a = ids.next();
  now -= 1000;
  const b = ids.next();
  expect(b > a).toBe(true);
});

test("idAt() bounds every id made at or after that time", () => {
  const ids = ulidGenerator(() => 5_000);
  expect(ids.next() >= idAt(5_000)).toBe(true);
  expect(ids.next() < idAt(5_001)).toBe(true);
});
