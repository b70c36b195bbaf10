import { expect, test } from "vitest";
import { OutboundEvent } from "./frames.ts";
import { Session } from "./session.ts";

test("a session replays what it keeps and refuses what it dropped", () => {
  const sent: string[] = [];
  const session = new Session("s1", "u1", 3);
  session.sink = { send: (frame) => sent.push(frame) };
  for (const n of [1, 2, 3, 4, 5]) session.dispatch(new OutboundEvent("USER_UPDATE", `{"n":${n}}`));
  expect(sent[0]).toBe('{"op":"dispatch","t":"USER_UPDATE","s":1,"d":{"n":1}}');
  expect(session.canReplayFrom(2)).toBe(true);
  expect(session.framesAfter(2).map((f) => JSON.parse(f).d.n)).toEqual([3, 4, 5]);
  expect(session.canReplayFrom(1)).toBe(false);
  expect(session.canReplayFrom(5)).toBe(true);
  expect(session.framesAfter(5)).toEqual([]);
  expect(session.canReplayFrom(6)).toBe(false);
});

test("one event reaches several sessions numbered by each session's own sequence", () => {
  const a: string[] = [];
  const b: string[] = [];
  const first = new Session("s1", "u1", 10);
  const second = new Session("s2", "u2", 10);
  first.sink = { send: (frame) => a.push(frame) };
  second.sink = { send: (frame) => b.push(frame) };
  first.dispatch(new OutboundEvent("USER_UPDATE", '{"n":0}'));
  const shared = new OutboundEvent("MESSAGE_CREATE", '{"content":"hi"}');
  first.dispatch(shared);
  second.dispatch(shared);
  expect(JSON.parse(a[1])).toEqual({
    op: "dispatch",
    t: "MESSAGE_CREATE",
    s: 2,
    d: { content: "hi" },
  });
  expect(JSON.parse(b[0])).toEqual({
    op: "dispatch",
    t: "MESSAGE_CREATE",
    s: 1,
    d: { content: "hi" },
  });
});

test("sessions at alternating sequences each get their own `s` from a shared event", () => {
  const received = new Map<string, number[]>();
  const sessions = ["a", "b", "c", "d"].map((id, i) => {
    const session = new Session(id, `u-${id}`, 10);
    session.sink = { send: (frame) => received.set(id, [JSON.parse(frame).s]) };
    // a and c start one event ahead of b and d.
    if (i % 2 === 0) session.dispatch(new OutboundEvent("USER_UPDATE", "{}"));
    return session;
  });
  const shared = new OutboundEvent("MESSAGE_CREATE", '{"content":"hi"}');
  for (const session of sessions) session.dispatch(shared);
  expect(Object.fromEntries(received)).toEqual({ a: [2], b: [1], c: [2], d: [1] });
  expect(sessions[0].framesAfter(1)).toEqual(sessions[2].framesAfter(1));
});
