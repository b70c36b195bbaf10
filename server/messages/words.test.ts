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
