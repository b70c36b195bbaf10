import { expect, test } from "vitest";
import { formatRoute, parseRoute, type Route } from "./route.ts";

const G = "01JGUILD00000000000000000A";
const C = "01JCHANNEL000000000000000B";

test("every route survives a round trip through the URL hash", () => {
  const routes: Route[] = [
    { kind: "guild", guildId: G, channelId: C },
    { kind: "guild", guildId: G, channelId: null },
    { kind: "dm", channelId: C },
    { kind: "friends", tab: "online" },
    { kind: "friends", tab: "pending" },
    { kind: "invite", code: "aZ3kP9qL0x" },
  ];
  for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
});

test("unknown or hostile hashes open the friends view", () => {
  expect(parseRoute("")).toEqual({ kind: "friends", tab: "online" });
  expect(parseRoute("#/channels/<img src=x>/1")).toEqual({ kind: "friends", tab: "online" });
  expect(parseRoute("#/friends/everyone")).toEqual({ kind: "friends", tab: "online" });
  expect(parseRoute("#/somewhere")).toEqual({ kind: "friends", tab: "online" });
});
