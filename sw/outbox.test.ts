import { describe, expect, it } from "vitest";
import { type FlushResult, OUTBOX_FLUSHED } from "../islands/db/outbox.ts";
import { flushOutboxFromWorker } from "./outbox.ts";

function pages() {
  const received: unknown[] = [];
  const client = { url: "/app", postMessage: (m: unknown) => received.push(m) };
  return {
    received,
    clients: { matchAll: () => Promise.resolve([client]), claim: async () => {} },
  };
}

const done = (sent: number, stopped: FlushResult["stopped"] = null): FlushResult => ({
  sent: Array.from({ length: sent }, (_, i) => ({
    entry: {} as FlushResult["sent"][number]["entry"],
    message: { id: `message-${i}` } as FlushResult["sent"][number]["message"],
  })),
  failed: [],
  remaining: stopped ? 1 : 0,
  stopped,
});

describe("the worker's outbox flush", () => {
  it("sends as the cookie's user and tells open pages what it sent", async () => {
    const { received, clients } = pages();
    const flushedFor: string[] = [];
    await flushOutboxFromWorker({ clients }, {
      currentUserId: () => Promise.resolve("user-1"),
      flush: (userId) => (flushedFor.push(userId), Promise.resolve(done(2))),
    });
    expect(flushedFor).toEqual(["user-1"]);
    expect(received).toEqual([{
      type: OUTBOX_FLUSHED,
      sent: 2,
      messages: [{ id: "message-0" }, { id: "message-1" }],
      failed: 0,
      remaining: 0,
    }]);
  });

  it("rejects when the network or server stopped the flush, so the browser retries the sync", async () => {
    const { clients } = pages();
    await expect(flushOutboxFromWorker({ clients }, {
      currentUserId: () => Promise.resolve("user-1"),
      flush: () => Promise.resolve(done(0, "network")),
    })).rejects.toThrow(/stopped \(network\): 1 message\(s\) still queued/);
  });

  it("rejects without sending anything when the session cannot be refreshed", async () => {
    const { clients } = pages();
    let flushed = false;
    await expect(flushOutboxFromWorker({ clients }, {
      currentUserId: () => Promise.reject(new Error("Not logged in")),
      flush: () => ((flushed = true), Promise.resolve(done(1))),
    })).rejects.toThrow("Not logged in");
    expect(flushed).toBe(false);
  });
});
