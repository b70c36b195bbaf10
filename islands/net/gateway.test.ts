import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { EventName, ReadyPayload } from "../../server/wire/types.ts";
import { Gateway } from "./gateway.ts";

/** A stand-in for the browser's WebSocket: records sent frames, lets the test play the server. */
class FakeSocket {
  readyState = 1;
  sent: { op: string; d: unknown }[] = [];
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  serve(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function ready(sessionId: string): ReadyPayload {
  return {
    sessionId,
    user: { id: "U1" } as ReadyPayload["user"],
    guilds: [],
    dms: [],
    relationships: [],
    readStates: [],
    presences: [],
    voiceStates: [],
  };
}

function harness(options: { revoked?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const events: string[] = [];
  const readies: { afterInvalid: boolean }[] = [];
  let token = "t1";
  const refreshes: (string | null)[] = [];
  const gateway = new Gateway({
    url: "ws://test/api/v1/gateway",
    token: () => Promise.resolve(token),
    refresh: (stale) => {
      refreshes.push(stale);
      if (options.revoked) return Promise.reject(Object.assign(new Error("401"), { status: 401 }));
      token = `t${refreshes.length + 1}`;
      return Promise.resolve(token);
    },
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    handlers: {
      ready: (_payload, info) => readies.push(info),
      resumed: () => events.push("resumed"),
      dispatch: (t: EventName) => events.push(t),
      status: (status) => events.push(`status:${status}`),
      authLost: () => events.push("authLost"),
    },
  });
  const last = () => sockets[sockets.length - 1];
  return { gateway, sockets, events, readies, refreshes, last };
}

/** The harness's gateway connected and ready as session S1. */
async function online(h: ReturnType<typeof harness>) {
  h.gateway.connect();
  await vi.advanceTimersByTimeAsync(0);
  h.last().serve({ op: "hello", d: { heartbeatInterval: 10_000 } });
  h.last().serve({ op: "ready", d: ready("S1") });
  return h;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test("identifies with the access token after hello and is online once ready", async () => {
  const h = harness();
  h.gateway.connect();
  await vi.advanceTimersByTimeAsync(0);
  h.last().serve({ op: "hello", d: { heartbeatInterval: 10_000 } });
  expect(h.last().sent).toEqual([{ op: "identify", d: { token: "t1" } }]);
  h.last().serve({ op: "ready", d: ready("S1") });
  expect(h.events).toContain("status:online");
  expect(h.readies).toEqual([{ afterInvalid: false, reconnect: false }]);
  h.gateway.close();
});

test("a dropped socket reconnects and resumes after the last event it saw", async () => {
  const h = await online(harness());
  h.last().serve({ op: "dispatch", t: "MESSAGE_CREATE", s: 7, d: {} });
  h.last().drop(1006);
  expect(h.events).toContain("status:down");
  await vi.advanceTimersByTimeAsync(30_000);
  expect(h.sockets).toHaveLength(2);
  h.last().serve({ op: "hello", d: { heartbeatInterval: 10_000 } });
  expect(h.last().sent).toEqual([{ op: "resume", d: { token: "t1", sessionId: "S1", seq: 7 } }]);
  h.last().serve({ op: "resumed", d: { replayed: 0 } });
  expect(h.events.at(-1)).toBe("resumed");
  h.gateway.close();
});

test("a refused resume identifies anew and flags the ready so history is refetched", async () => {
  const h = await online(harness());
  h.last().drop(1006);
  await vi.advanceTimersByTimeAsync(30_000);
  h.last().serve({ op: "hello", d: { heartbeatInterval: 10_000 } });
  h.last().serve({ op: "invalid_session", d: { reason: "expired" } });
  expect(h.last().sent.map((f) => f.op)).toEqual(["resume", "identify"]);
  h.last().serve({ op: "ready", d: ready("S2") });
  expect(h.readies.at(-1)).toEqual({ afterInvalid: true, reconnect: true });
  h.gateway.close();
});

test("a rejected token (4004) is refreshed before identifying again", async () => {
  const h = harness();
  h.gateway.connect();
  await vi.advanceTimersByTimeAsync(0);
  h.last().serve({ op: "hello", d: { heartbeatInterval: 10_000 } });
  h.last().drop(4004);
  await vi.advanceTimersByTimeAsync(30_000);
  expect(h.refreshes).toEqual(["t1"]);
  h.last().serve({ op: "hello", d: { heartbeatInterval: 10_000 } });
  expect(h.last().sent).toEqual([{ op: "identify", d: { token: "t2" } }]);
  h.gateway.close();
});

test("a session revoked elsewhere (4004, then a refused refresh) signs out without retrying", async () => {
  const h = await online(harness({ revoked: true }));
  h.last().drop(4004);
  await vi.advanceTimersByTimeAsync(30_000);
  expect(h.events).toContain("authLost");
  expect(h.sockets).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(300_000);
  expect(h.sockets).toHaveLength(1);
  h.gateway.close();
});

test("a link that stops acknowledging heartbeats is replaced", async () => {
  const h = harness();
  h.gateway.connect();
  await vi.advanceTimersByTimeAsync(0);
  h.last().serve({ op: "hello", d: { heartbeatInterval: 1000 } });
  h.last().serve({ op: "ready", d: ready("S1") });
  await vi.advanceTimersByTimeAsync(1000);
  expect(h.last().sent.at(-1)).toEqual({ op: "heartbeat", d: null });
  const first = h.last();
  first.close = () => first.drop(1006); // the browser reports the close it was asked for
  await vi.advanceTimersByTimeAsync(1000); // no ack came
  await vi.advanceTimersByTimeAsync(30_000);
  expect(h.sockets.length).toBeGreaterThan(1);
  h.gateway.close();
});
