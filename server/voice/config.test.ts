import { describe, expect, test } from "vitest";
import { loadConfig } from "../config.ts";

describe("loadConfig() voice settings", () => {
  test("defaults: no ICE servers, no TURN, rooms of 8", () => {
    expect(loadConfig({}).voice).toEqual({ iceServers: [], turn: null, meshLimit: 8 });
  });

  test("reads ICE_SERVERS, TURN_URL, TURN_SECRET, TURN_TTL and VOICE_MESH_LIMIT", () => {
    const voice = loadConfig({
      ICE_SERVERS: '[{"urls":["stun:a.example.org"]},{"urls":"turn:b.example.org",' +
        '"username":"u","credential":"p"}]',
      TURN_URL: "turn:127.0.0.1:3478",
      TURN_SECRET: "0123456789abcdef",
      TURN_TTL: "900",
      VOICE_MESH_LIMIT: "4",
    }).voice;
    expect(voice).toEqual({
      iceServers: [
        { urls: ["stun:a.example.org"] },
        { urls: "turn:b.example.org", username: "u", credential: "p" },
      ],
      turn: { urls: ["turn:127.0.0.1:3478"], secret: "0123456789abcdef", ttlSeconds: 900 },
      meshLimit: 4,
    });
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    [
      "ICE_SERVERS not JSON",
      { ICE_SERVERS: "stun:a" },
      /^Invalid ICE_SERVERS: expected a JSON array/,
    ],
    ["ICE_SERVERS with an http URL", { ICE_SERVERS: '[{"urls":"http://a"}]' }, /ICE_SERVERS/],
    [
      "ICE_SERVERS with unknown fields",
      { ICE_SERVERS: '[{"urls":"stun:a","x":1}]' },
      /ICE_SERVERS/,
    ],
    [
      "TURN_URL without TURN_SECRET",
      { TURN_URL: "turn:a" },
      /^Invalid TURN_SECRET: expected to be set together with TURN_URL/,
    ],
    [
      "TURN_URL not a turn: URL",
      { TURN_URL: "https://a", TURN_SECRET: "0123456789abcdef" },
      /^Invalid TURN_URL/,
    ],
    [
      "a short TURN_SECRET",
      { TURN_URL: "turn:a", TURN_SECRET: "short" },
      /^Invalid TURN_SECRET: expected at least 16 characters, got "\(hidden\)"$/,
    ],
    [
      "VOICE_MESH_LIMIT of 1",
      { VOICE_MESH_LIMIT: "1" },
      /^Invalid VOICE_MESH_LIMIT: expected an integer from 2 to 32/,
    ],
  ];
  for (const [name, env, message] of bad) {
    test(`refuses ${name}`, () => {
      expect(() => loadConfig(env)).toThrow(message);
    });
  }
});
