import { expect, test } from "vitest";
import { AppError } from "../errors.ts";
import { checkContent, isEmoji } from "./validation.ts";

test("isEmoji() accepts emoji, flags, keycaps, skin tones and ZWJ sequences", () => {
  for (const e of ["👍", "❤️", "🇺🇦", "#️⃣", "👍🏽", "👨‍👩‍👧‍👦", "©️"]) {
    expect(isEmoji(e), e).toBe(true);
  }
});

test("isEmoji() refuses text, markup and operators", () => {
  for (const e of ["", "a", "👍a", "1", "#", "<b>", "$ne", "👍.", "👍".repeat(17)]) {
    expect(isEmoji(e), e).toBe(false);
  }
});

test("checkContent() trims and refuses empty or over-long content", () => {
  expect(checkContent("  hi  ")).toBe("hi");
  expect(() => checkContent("   ")).toThrow(AppError);
  expect(() => checkContent("x".repeat(4001))).toThrow(
    "content must be at most 4000 characters: got 4001",
  );
  expect(checkContent(` ${"x".repeat(4000)} `)).toHaveLength(4000);
});
