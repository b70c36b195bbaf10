import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig()", () => {
  test("an empty environment gives the embedded defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8000,
      dataDir: "./data",
      mongodbUri: null,
      jwtSecret: null,
      smtpUrl: null,
      livekit: null,
      vapid: null,
      trustProxy: false,
      corsOrigins: [],
      jwtAccessTtlSeconds: 900,
    });
    expect(c.publicUrl.href).toBe("http://localhost:8000/");
  });

  test("reads every documented variable", () => {
    const c = loadConfig({
      PORT: "9000",
      HOST: "127.0.0.1",
      DATA_DIR: "/var/lib/chat",
      MONGODB_URI: "mongodb://db:27017/?replicaSet=rs0",
      MONGODB_DB: "chat_prod",
      PUBLIC_URL: "https://chat.example.org",
      JWT_SECRET: "s".repeat(32),
      JWT_ACCESS_TTL: "300",
      JWT_REFRESH_TTL: "86400",
      SMTP_URL: "smtps://u:p@mail.example.org:465",
      MAIL_FROM: "Chat <chat@example.org>",
      LIVEKIT_URL: "wss://lk.example.org",
      LIVEKIT_API_KEY: "key",
      LIVEKIT_API_SECRET: "secret",
      TRUST_PROXY: "1",
      CORS_ORIGINS: "https://a.example.org, https://b.example.org",
      LOG_LEVEL: "warn",
    });
    expect(c).toMatchObject({
      port: 9000,
      hostname: "127.0.0.1",
      mongodbDb: "chat_prod",
      jwtAccessTtlSeconds: 300,
      trustProxy: true,
      corsOrigins: ["https://a.example.org", "https://b.example.org"],
      livekit: { url: "wss://lk.example.org", apiKey: "key", apiSecret: "secret" },
      logLevel: "warn",
    });
    expect(c.smtpUrl?.protocol).toBe("smtps:");
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    [
      "PORT",
      { PORT: "eighty" },
      /^Invalid PORT: expected an integer from 0 to 65535, got "eighty"$/,
    ],
    ["PORT", { PORT: "70000" }, /^Invalid PORT/],
    [
      "PUBLIC_URL",
      { PUBLIC_URL: "chat.example.org" },
      /^Invalid PUBLIC_URL: expected an http\(s\) URL/,
    ],
    [
      "MONGODB_URI",
      { MONGODB_URI: "postgres://x" },
      /^Invalid MONGODB_URI: expected a mongodb:\/\//,
    ],
    ["JWT_SECRET", { JWT_SECRET: "short" }, /^Invalid JWT_SECRET: expected at least 32 characters/],
    ["SMTP_URL", { SMTP_URL: "http://mail" }, /^Invalid SMTP_URL: expected an smtp/],
    [
      "LIVEKIT_API_SECRET",
      { LIVEKIT_URL: "wss://x", LIVEKIT_API_KEY: "k" },
      /^Invalid LIVEKIT_API_SECRET: expected to be set together with LIVEKIT_URL, LIVEKIT_API_KEY/,
    ],
    [
      "VAPID_PUBLIC_KEY",
      { VAPID_PUBLIC_KEY: "abc", VAPID_PRIVATE_KEY: "x".repeat(43) },
      /^Invalid VAPID_PUBLIC_KEY/,
    ],
    ["TRUST_PROXY", { TRUST_PROXY: "yes" }, /^Invalid TRUST_PROXY: expected 0 or 1/],
    ["CORS_ORIGINS", { CORS_ORIGINS: "*" }, /^Invalid CORS_ORIGINS/],
    [
      "LOG_LEVEL",
      { LOG_LEVEL: "loud" },
      /^Invalid LOG_LEVEL: expected one of debug, info, warn, error/,
    ],
    ["PASSWORD_ITERATIONS", { PASSWORD_ITERATIONS: "1000" }, /^Invalid PASSWORD_ITERATIONS/],
  ];
  for (const [name, env, message] of bad) {
    test(`a bad ${name} is refused with a one-line message naming it`, () => {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(name);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toMatch(/\n/);
    });
  }

  test("never echoes a private key in its message", () => {
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: "a".repeat(87), VAPID_PRIVATE_KEY: "secret" }))
      .toThrow(/VAPID_PRIVATE_KEY.*\(hidden\)/);
  });
});
