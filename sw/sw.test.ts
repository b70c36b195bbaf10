import { describe, expect, it } from "vitest";
import { isMediaRequest } from "./media.ts";
import { precacheEntries, workerEntrySource } from "./precache_list.ts";
import { isShellNavigation } from "./shell.ts";
import { handleSync, OUTBOX_SYNC_TAG } from "./sync.ts";
import type { SyncEvent } from "./types.ts";
import { isSkipWaiting } from "./update.ts";

const ORIGIN = "https://chat.example";
const url = (path: string) => new URL(path, ORIGIN);

describe("the precache manifest", () => {
  it("lists every file at its content hash and the shell pages at the page revision, sorted", () => {
    const entries = precacheEntries([
      { url: "/static/build/chunk-B.js", hash: "bbb" },
      { url: "/static/build/App-aaa.js", hash: "aaa" },
    ], "page1");
    expect(entries).toEqual([
      { url: "/app", revision: "page1" },
      { url: "/login", revision: "page1" },
      { url: "/static/build/App-aaa.js", revision: "aaa" },
      { url: "/static/build/chunk-B.js", revision: "bbb" },
    ]);
  });

  it("changes the worker's source whenever any revision changes", () => {
    const before = workerEntrySource("file:///sw/main.ts", precacheEntries([], "one"));
    const after = workerEntrySource("file:///sw/main.ts", precacheEntries([], "two"));
    expect(before).not.toBe(after);
    expect(before).toContain('startServiceWorker([{"url":"/app","revision":"one"}');
  });
});

describe("offline navigations", () => {
  it("answers the app and invite links with the shell, and nothing else", () => {
    for (const path of ["/app", "/app/", "/app/channels/1", "/invite/abc"]) {
      expect(isShellNavigation(url(path)), path).toBe(true);
    }
    for (const path of ["/application", "/api/v1/users/@me", "/login", "/invite/a/b", "/"]) {
      expect(isShellNavigation(url(path)), path).toBe(false);
    }
  });
});

describe("the media cache", () => {
  const get = (destination: string) => ({ method: "GET", destination });

  it("keeps avatars and attachments", () => {
    expect(isMediaRequest(get("image"), new URL("https://cdn.example/a.png"), ORIGIN)).toBe(true);
    expect(isMediaRequest(get(""), url("/attachments/01H/file.pdf"), ORIGIN)).toBe(true);
    expect(isMediaRequest(get("image"), url("/avatars/01H.webp"), ORIGIN)).toBe(true);
  });

  it("never caches API answers, built assets (precached) or writes", () => {
    expect(isMediaRequest(get(""), url("/api/v1/channels/1/messages"), ORIGIN)).toBe(false);
    expect(isMediaRequest(get("image"), url("/api/v1/users/@me"), ORIGIN)).toBe(false);
    expect(isMediaRequest(get("image"), url("/static/icons/icon-192.png"), ORIGIN)).toBe(false);
    expect(isMediaRequest({ method: "POST", destination: "" }, url("/attachments/x"), ORIGIN))
      .toBe(false);
  });
});

describe("worker events", () => {
  function syncEvent(tag: string) {
    const waited: Promise<unknown>[] = [];
    const event = { tag, lastChance: false, waitUntil: (p: Promise<unknown>) => waited.push(p) };
    return { event: event as unknown as SyncEvent, waited };
  }

  it("flushes the outbox on the outbox sync and keeps the worker alive until done", async () => {
    let flushed = 0;
    const { event, waited } = syncEvent(OUTBOX_SYNC_TAG);
    handleSync(event, () => Promise.resolve(flushed++));
    expect(waited).toHaveLength(1);
    await waited[0];
    expect(flushed).toBe(1);
  });

  it("ignores other sync tags", () => {
    const { event, waited } = syncEvent("something-else");
    handleSync(event, () => Promise.reject(new Error("must not run")));
    expect(waited).toHaveLength(0);
  });

  it("activates a waiting version only when a page asks with SKIP_WAITING", () => {
    expect(isSkipWaiting({ type: "SKIP_WAITING" })).toBe(true);
    expect(isSkipWaiting({ type: "GET_VERSION" })).toBe(false);
    expect(isSkipWaiting("SKIP_WAITING")).toBe(false);
    expect(isSkipWaiting(null)).toBe(false);
  });
});
