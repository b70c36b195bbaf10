import { afterEach, beforeEach, expect, test } from "vitest";
import { GatewayClient, login } from "../../server/cli/gateway_client.ts";
import type { Message } from "../../server/wire/types.ts";
import { type Account, guildWith, say, startServer, type TestServer } from "./server.ts";

let s: TestServer;
let alice: Account, bob: Account;
let channelId: string;

beforeEach(async () => {
  s = await startServer();
  alice = await s.register("alice");
  bob = await s.register("bob");
  ({ channelId } = await guildWith(s, alice, [bob], "Lounge"));
});

afterEach(() => s.close());

/** Collects a stream's text and resolves when `pattern` shows up in it. */
function watch(stream: ReadableStream<Uint8Array>) {
  let text = "";
  const waiters: [RegExp, () => void][] = [];
  (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      text += decoder.decode(chunk, { stream: true });
      for (const [pattern, wake] of waiters) if (pattern.test(text)) wake();
    }
  })();
  return {
    get text() {
      return text;
    },
    until(pattern: RegExp): Promise<void> {
      if (pattern.test(text)) return Promise.resolve();
      return new Promise((resolve) => waiters.push([pattern, resolve]));
    },
  };
}

test("deno task chat sends typed lines and prints the channel's messages", async () => {
  const bobClient = new GatewayClient(await login(s.url, "bob", "password123"));
  const seenByBob: Message[] = [];
  bobClient.on("MESSAGE_CREATE", (d) => seenByBob.push(d as Message));
  await bobClient.connect();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("../../server/cli/chat.ts", import.meta.url).pathname,
      "--url",
      s.url,
      "--login",
      "alice",
      "--password",
      "password123",
      "--guild",
      "lounge",
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const out = watch(child.stdout);
  const err = watch(child.stderr);
  await err.until(/connected as alice; chatting in #general/);
  const stdin = child.stdin.getWriter();
  await stdin.write(new TextEncoder().encode("hi from the terminal\n"));
  await out.until(/\[#general\] alice: hi from the terminal/);
  await say(s, bob, channelId, "hello back");
  await out.until(/\[#general\] bob: hello back/);
  await stdin.close();
  expect((await child.status).code).toBe(0);
  expect(seenByBob.map((m) => m.content)).toContain("hi from the terminal");
  expect(seenByBob.find((m) => m.content === "hi from the terminal")?.nonce).toBeTruthy();
  bobClient.close();
});

test("GatewayClient resumes after a dropped socket without losing or repeating messages", async () => {
  const client = new GatewayClient(await login(s.url, "bob", "password123"));
  const contents: string[] = [];
  client.on("MESSAGE_CREATE", (d) => contents.push((d as Message).content));
  const resumed = new Promise((resolve) => client.on("resumed", resolve));
  await client.connect();
  await say(s, alice, channelId, "m1");
  client.reconnect();
  await say(s, alice, channelId, "m2");
  await say(s, alice, channelId, "m3");
  await resumed;
  await say(s, alice, channelId, "m4");
  await new Promise<void>((resolve) => {
    const check = () => contents.includes("m4") && resolve();
    client.on("MESSAGE_CREATE", check);
    check();
  });
  expect(contents).toEqual(["m1", "m2", "m3", "m4"]);
  client.close();
});
