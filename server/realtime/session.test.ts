import { expect, test } from "vitest";
import { Session } from "./session.ts";

test("a session replays what it keeps and refuses what it dropped", () => {
  const sent: string[] = [];
  const session = new Session("s1", "u1", 3);
  session.sink = { send: (frame) => sent.push(frame) };
  for (const n of [1, 2, 3, 4, 5]) session.dispatch("USER_UPDATE", `{"n":${n}}`);
  expect(sent[0]).toBe('{"op":"dispatch","t":"USER_UPDATE","s":1,"d":{"n":1}}');
  expect(session.canReplayFrom(2)).toBe(true);
  expect(session.framesAfter(2).map((f) => JSON.parse(f).d.n)).toEqual([3, 4, 5]);
  expect(session.canReplayFrom(1)).toBe(false);
  expect(session.canReplayFrom(5)).toBe(true);
  expect(session.framesAfter(5)).toEqual([]);
  expect(session.canReplayFrom(6)).toBe(false);
});
