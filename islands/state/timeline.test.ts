import { expect, test } from "vitest";
import type { Message } from "../../server/wire/types.ts";
import {
  applyReaction,
  compareIds,
  firstUnreadId,
  isUnread,
  keepOwnReactions,
  mergeMessages,
  type PendingSend,
  reconcilePage,
  withPending,
} from "./timeline.ts";

const alice = { id: "U1", username: "alice", displayName: "Alice", avatar: null };
const bob = { id: "U2", username: "bob", displayName: "Bob", avatar: null };

/** A message with a 26-character id ending in `n` (ids sort like the server's ULIDs). */
function msg(n: number, extra: Partial<Message> = {}): Message {
  return {
    id: `01J${String(n).padStart(23, "0")}`,
    channelId: "C1",
    author: bob,
    content: `m${n}`,
    nonce: `n${n}`,
    mentions: [],
    mentionEveryone: false,
    reactions: [],
    attachments: [],
    pinned: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    ...extra,
  };
}

const ids = (list: readonly Message[]) => list.map((m) => m.content);

test("merging orders messages oldest to newest and keeps one copy per id, the newer copy", () => {
  const merged = mergeMessages([msg(1), msg(3)], [msg(2), msg(3, { content: "edited" })]);
  expect(ids(merged)).toEqual(["m1", "m2", "edited"]);
});

test("appending newer and prepending older pages keeps the order", () => {
  expect(ids(mergeMessages([msg(3), msg(4)], [msg(6), msg(5)]))).toEqual(["m3", "m4", "m5", "m6"]);
  expect(ids(mergeMessages([msg(3), msg(4)], [msg(2), msg(1)]))).toEqual(["m1", "m2", "m3", "m4"]);
});

test("ids of different lengths compare by length first", () => {
  expect(compareIds("9", "10")).toBeLessThan(0);
});

test("a newest page drops cached messages it proves deleted and keeps older history", () => {
  const cached = [msg(1), msg(2), msg(3), msg(4), msg(5)];
  const page = [msg(5), msg(3)]; // newest first, as the server sends; 4 was deleted
  const { messages, removed } = reconcilePage(cached, page, null, false);
  expect(ids(messages)).toEqual(["m1", "m2", "m3", "m5"]);
  expect(removed).toEqual([msg(4).id]);
});

test("a short page covers the whole channel: every cached message missing from it is gone", () => {
  const { messages, removed } = reconcilePage([msg(1), msg(2), msg(3)], [msg(3)], null, true);
  expect(ids(messages)).toEqual(["m3"]);
  expect(removed).toHaveLength(2);
});

test("an older page only judges messages below its upper bound", () => {
  const cached = [msg(2), msg(4), msg(6)];
  const { messages } = reconcilePage(cached, [msg(3)], msg(5).id, false);
  expect(ids(messages)).toEqual(["m2", "m3", "m6"]);
});

test("reactions count up and down, and the viewer's own echo is not counted twice", () => {
  let m = applyReaction(msg(1), "👍", true, true);
  expect(m.reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);
  m = applyReaction(m, "👍", true, true); // gateway echo of our own reaction
  expect(m.reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);
  m = applyReaction(m, "👍", true, false);
  expect(m.reactions).toEqual([{ emoji: "👍", count: 2, me: true }]);
  m = applyReaction(m, "👍", false, true);
  expect(m.reactions).toEqual([{ emoji: "👍", count: 1, me: false }]);
  m = applyReaction(m, "👍", false, false);
  expect(m.reactions).toEqual([]);
});

test("a shared copy of a message keeps the viewer's own reaction flags", () => {
  const mine = msg(1, { reactions: [{ emoji: "🎉", count: 1, me: true }] });
  const shared = msg(1, { content: "edited", reactions: [{ emoji: "🎉", count: 2, me: false }] });
  expect(keepOwnReactions(shared, mine).reactions).toEqual([{ emoji: "🎉", count: 2, me: true }]);
});

test("the first unread message skips the viewer's own messages", () => {
  const list = [msg(1), msg(2, { author: alice }), msg(3)];
  expect(firstUnreadId(list, msg(1).id, alice.id)).toBe(msg(3).id);
  expect(firstUnreadId(list, null, "nobody")).toBe(msg(1).id);
  expect(firstUnreadId(list, msg(3).id, alice.id)).toBeNull();
});

test("a channel is unread when its newest message is past the read marker", () => {
  expect(isUnread(msg(2).id, msg(1).id)).toBe(true);
  expect(isUnread(msg(2).id, msg(2).id)).toBe(false);
  expect(isUnread(msg(1).id, null)).toBe(true);
  expect(isUnread(null, null)).toBe(false);
});

function pending(nonce: string, createdAt: number, state: PendingSend["state"] = "pending") {
  return {
    nonce,
    channelId: "C1",
    content: nonce,
    replyToId: null,
    createdAt,
    state,
    lastError: "no",
  };
}

test("unsent messages trail the list in the order written, marked sending or failed", () => {
  const list = withPending([msg(1)], [pending("b", 2, "failed"), pending("a", 1)], alice);
  expect(list.map((m) => [m.content, m.state])).toEqual([
    ["m1", undefined],
    ["a", "sending"],
    ["b", "failed"],
  ]);
  expect(list[1].author).toEqual(alice);
});

test("an unsent message whose nonce arrived from the server is shown once", () => {
  const list = withPending([msg(1, { nonce: "a" })], [pending("a", 1)], alice);
  expect(ids(list)).toEqual(["m1"]);
});

test("without pending items the list is the server list itself", () => {
  const messages = [msg(1)];
  expect(withPending(messages, [], alice)).toBe(messages);
});
