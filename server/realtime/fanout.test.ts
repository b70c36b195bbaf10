import { expect, test } from "vitest";
import { Fanout } from "./fanout.ts";

test("by default a guild is large above 250 members, and member events move it across", () => {
  const fanout = new Fanout();
  fanout.enter("u1", ["g1"], [], "online");
  fanout.noteGuildSize("g1", 250);
  expect(fanout.isLarge("g1")).toBe(false);
  const add = { t: "GUILD_MEMBER_ADD" as const, d: {}, to: { guildId: "g1" } };
  fanout.trackGuildSize(add);
  expect(fanout.isLarge("g1")).toBe(true);
  fanout.trackGuildSize({ ...add, t: "GUILD_MEMBER_REMOVE" });
  expect(fanout.isLarge("g1")).toBe(false);
});

test("sizes are kept only for guilds someone here follows", () => {
  const fanout = new Fanout(1);
  fanout.noteGuildSize("g2", 5000);
  expect(fanout.isLarge("g2")).toBe(false);
  fanout.enter("u1", ["g2"], [], "online");
  fanout.noteGuildSize("g2", 5000);
  expect(fanout.isLarge("g2")).toBe(true);
  fanout.applyEffect({ op: "leave", userId: "u1", guildId: "g2" });
  fanout.applyEffect({ op: "join", userId: "u1", guildId: "g2" });
  expect(fanout.isLarge("g2")).toBe(false);
});
