import { expect, test } from "vitest";
import { parseWhisper } from "./whisper.ts";

test("parseWhisper() splits the recipient from the text", () => {
  expect(parseWhisper("/w Bob  hello there ")).toEqual({ username: "bob", text: "hello there" });
  expect(parseWhisper("/w @bob hi\nsecond line")).toEqual({
    username: "bob",
    text: "hi\nsecond line",
  });
});

test("parseWhisper() gives empty parts for incomplete whispers", () => {
  expect(parseWhisper("/w")).toEqual({ username: "", text: "" });
  expect(parseWhisper("/w bob")).toEqual({ username: "bob", text: "" });
});

test("parseWhisper() leaves ordinary messages alone", () => {
  for (const content of ["hello", "/wave", "say /w bob hi", "/W bob hi"]) {
    expect(parseWhisper(content)).toBeNull();
  }
});
