import { expect, test } from "vitest";
import { MAX_MENTIONS, parseMentions } from "./mentions.ts";

test("parseMentions() finds @names case-insensitively, also without a trailing dot", () => {
  expect(parseMentions("hi @Alice and @bob.")).toEqual({
    usernames: ["alice", "bob.", "bob"],
    everyone: false,
  });
});

test("parseMentions() ignores e-mail addresses and sees @everyone", () => {
  expect(parseMentions("mail me@example.org, @everyone")).toEqual({
    usernames: [],
    everyone: true,
  });
});

test("parseMentions() looks up at most MAX_MENTIONS names", () => {
  const many = Array.from({ length: 50 }, (_, i) => `@user${i}`).join(" ");
  expect(parseMentions(many).usernames).toHaveLength(MAX_MENTIONS);
});
