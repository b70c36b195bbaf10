import { describe, expect, test } from "vitest";
import { checkSignalData, MAX_SDP_CHARS } from "./signal.ts";

const sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

describe("checkSignalData()", () => {
  test("accepts offers, answers, candidates and the end of candidates", () => {
    const good = [
      { type: "offer", sdp },
      { type: "answer", sdp },
      {
        type: "candidate",
        candidate: {
          candidate: "candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host",
          sdpMid: "0",
          sdpMLineIndex: 0,
          usernameFragment: "abcd",
        },
      },
      { type: "candidate", candidate: null },
    ];
    for (const data of good) expect(checkSignalData(data)).toEqual({ ok: true, data });
  });

  const bad: [string, unknown, RegExp][] = [
    ["a non-string SDP", { type: "offer", sdp: 42 }, /^data\.sdp: /],
    ["an SDP over 10 KiB", { type: "offer", sdp: "a".repeat(MAX_SDP_CHARS + 1) }, /^data\.sdp: /],
    ["data over 16 KiB", { type: "offer", sdp: "a".repeat(17_000) }, /more than 16384/],
    ["an unknown type", { type: "rollback" }, /^data\.type: /],
    ["extra fields", { type: "answer", sdp, evil: true }, /^data: /],
    ["a candidate object with extra fields", {
      type: "candidate",
      candidate: { candidate: "", x: 1 },
    }, /^data\.candidate: /],
    ["a string", "offer", /^data: /],
    ["nothing", undefined, /^data: /],
  ];
  for (const [name, data, reason] of bad) {
    test(`refuses ${name}`, () => {
      const result = checkSignalData(data);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    });
  }
});
