import { expect, test } from "vitest";
import type { PresenceSync } from "./bus.ts";
import { PresenceTracker } from "./presence_tracker.ts";

type State = Extract<PresenceSync, { kind: "state" }>;

function state(instanceId: string, sockets: number, extra: Partial<State> = {}): State {
  return {
    kind: "state",
    instanceId,
    userId: "bob",
    sockets,
    status: "online",
    at: 1,
    guildIds: ["g1"],
    friendIds: ["alice"],
    ...extra,
  };
}

test("a user is online while any instance has a socket, in any order of announcements", () => {
  const t = new PresenceTracker();
  expect(t.apply(state("a", 1))?.status).toBe("online");
  expect(t.apply(state("b", 1))).toBeNull();
  // Both close "at once": whatever order the announcements arrive in, the last one flips.
  expect(t.apply(state("a", 0))).toBeNull();
  const change = t.apply(state("b", 0));
  expect(change).toMatchObject({ userId: "bob", status: "offline" });
  expect([...change!.guildIds]).toEqual(["g1"]);
  expect(t.status("bob")).toBe("offline");
});

test("the newest chosen status wins and invisible reads as offline", () => {
  const t = new PresenceTracker();
  t.apply(state("a", 1, { status: "dnd", at: 5 }));
  t.apply(state("b", 1, { status: "idle", at: 3 }));
  expect(t.status("bob")).toBe("dnd");
  expect(t.chosen("bob")).toBe("dnd");
  expect(t.apply(state("b", 1, { status: "invisible", at: 9 }))?.status).toBe("offline");
  expect(t.chosen("bob")).toBe("invisible");
});

test("presences lists connected, visible members of the guilds and friends", () => {
  const t = new PresenceTracker();
  t.apply(state("a", 1));
  t.apply(state("a", 1, { userId: "carol", guildIds: ["g2"], status: "idle" }));
  t.apply(state("a", 1, { userId: "dave", guildIds: ["g1"], status: "invisible" }));
  expect(t.presences(["g1"], [])).toEqual([{ userId: "bob", status: "online" }]);
  expect(t.presences(["g1"], ["carol"])).toEqual([
    { userId: "bob", status: "online" },
    { userId: "carol", status: "idle" },
  ]);
  t.applyEffect({ op: "leave", userId: "bob", guildId: "g1" });
  t.applyEffect({ op: "join", userId: "carol", guildId: "g1" });
  expect(t.presences(["g1"], [])).toEqual([{ userId: "carol", status: "idle" }]);
});
