import { expect, test } from "vitest";
import { MAX_WORD_LENGTH, tokenize } from "./words.ts";

test("tokenize() lower-cases, dedups and drops one-letter words", () => {
  expect(tokenize("The cat, the HAT & a cat!")).toEqual(["the", "cat", "hat"]);
});

test("tokenize() splits any script on non-letters and keeps digits", () => {
  expect(tokenize("Привет—мир; v2 release_2025")).toEqual([
    "привет",
    "мир",
    "v2",
    "release",
    "2025",
  ]);
});

test("tokenize() cuts long words and stops at the maximum count", () => {
  expect(tokenize("x".repeat(100))).toEqual(["x".repeat(MAX_WORD_LENGTH)]);
  expect(tokenize("aa bb cc dd", 2)).toEqual(["aa", "bb"]);
});

test("tokenize() counts letters outside the BMP as one each", () => {
  // U+1D4B3 and U+1D4B4 (mathematical script letters) take two UTF-16 units each.
  const x = "\u{1D4B3}", y = "\u{1D4B4}";
  expect(tokenize(`${x} ${x}${y} a${x}`)).toEqual([`${x}${y}`, `a${x}`]);
  const long = x.repeat(MAX_WORD_LENGTH + 10);
  expect(tokenize(long)).toEqual([x.repeat(MAX_WORD_LENGTH)]);
  expect(tokenize(`${"b".repeat(MAX_WORD_LENGTH - 1)}${x}${x}`)).toEqual([
    `${"b".repeat(MAX_WORD_LENGTH - 1)}${x}`,
  ]);
});
