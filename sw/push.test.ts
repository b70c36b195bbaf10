import { describe, expect, it } from "vitest";
import { parsePayload } from "./push.ts";

describe("push payloads", () => {
  it("keeps the fields the worker shows and defaults the rest", () => {
    expect(parsePayload({ title: "alice", body: "hi", url: "/app#/friends" })).toEqual({
      title: "alice",
      body: "hi",
      url: "/app#/friends",
      tag: "chat",
      channelId: undefined,
      author: undefined,
      badge: 0,
      close: [],
    });
  });

  it("drops malformed parts: a negative badge, non-string tags to close", () => {
    const p = parsePayload({ title: "t", url: "/app", badge: -2, close: ["ch:1", 5, null] });
    expect([p?.badge, p?.close]).toEqual([0, ["ch:1"]]);
  });

  it("refuses data that is not a notification", () => {
    for (const data of [null, "text", 42, { body: "no title" }, { title: "no url" }]) {
      expect(parsePayload(data)).toBeNull();
    }
  });
});
