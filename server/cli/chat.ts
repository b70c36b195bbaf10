/**
 * `deno task chat --url http://localhost:8000 --login alice --password …
 * [--channel <id> | --guild <name>]`: a line-based chat in the terminal.
 * Prints the chosen channel's messages as `[#general] alice: hi` and sends
 * every line typed, each with its own nonce.
 */
import { parseArgs } from "node:util";
import type { Channel, Guild, Message, ReadyPayload } from "../wire/types.ts";
import { api, GatewayClient, login } from "./gateway_client.ts";

/** What the chat needs to start. */
export interface ChatOptions {
  url: string;
  login: string;
  password: string;
  channel?: string;
  guild?: string;
}

/** Where the chat reads lines from and prints to. */
export interface ChatIo {
  lines: AsyncIterable<string>;
  print(line: string): void;
  warn(line: string): void;
}

/** The text channel to chat in: the given id, a guild's `general` (or first), or none. */
export function pickChannel(ready: ReadyPayload, options: ChatOptions): Channel | null {
  const channels = [...ready.guilds.flatMap((g) => g.channels), ...ready.dms];
  if (options.channel) return channels.find((c) => c.id === options.channel) ?? null;
  const wanted = options.guild?.toLowerCase();
  const guild: Guild | undefined = wanted
    ? ready.guilds.find((g) => g.name.toLowerCase() === wanted)
    : ready.guilds[0];
  const texts = guild?.channels.filter((c) => c.type === "text") ?? [];
  return texts.find((c) => c.name === "general") ?? texts[0] ?? null;
}

/** How a channel shows in a line: `#name`, or `@user` for a DM. */
export function channelLabel(channel: Channel): string {
  return channel.type === "dm"
    ? "@" + (channel.recipients ?? []).map((u) => u.username).join(",")
    : "#" + channel.name;
}

/** Runs the chat until the input ends. */
export async function runChat(options: ChatOptions, io: ChatIo): Promise<void> {
  const session = await login(options.url, options.login, options.password);
  const client = new GatewayClient(session);
  const labels = new Map<string, string>();
  const learn = (channels: Channel[]) => {
    for (const c of channels) labels.set(c.id, channelLabel(c));
  };
  let target: Channel | null = null;
  client.on("ready", (d) => {
    const ready = d as ReadyPayload;
    for (const g of ready.guilds) learn(g.channels);
    learn(ready.dms);
  });
  client.on("GUILD_CREATE", (d) => learn((d as Guild).channels));
  client.on("CHANNEL_CREATE", (d) => learn([d as Channel]));
  client.on("MESSAGE_CREATE", (d) => {
    const m = d as Message;
    if (target && m.channelId !== target.id) return;
    io.print(`[${labels.get(m.channelId) ?? m.channelId}] ${m.author.username}: ${m.content}`);
  });
  client.on("reconnecting", (d) => io.warn(`connection lost (${JSON.stringify(d)}), resuming…`));
  client.on("resumed", () => io.warn("resumed"));
  const ready = await client.connect();
  target = pickChannel(ready, options);
  if ((options.channel || options.guild) && !target) {
    client.close();
    throw new Error(`No channel ${options.channel ?? `in guild "${options.guild}"`} to chat in`);
  }
  io.warn(
    `connected as ${ready.user.username}; ` +
      (target ? `chatting in ${channelLabel(target)}` : "no guild yet: showing every channel"),
  );
  try {
    for await (const line of io.lines) {
      const content = line.trim();
      if (!content) continue;
      if (!target) {
        io.warn("no channel to send to: join a guild or pass --channel");
        continue;
      }
      const body = { content, nonce: crypto.randomUUID() };
      await api(session, "POST", `/channels/${target.id}/messages`, body)
        .catch((e) => io.warn(`not sent: ${e.message}`));
    }
  } finally {
    client.close();
  }
}

/** The lines of a byte stream (UTF-8), without their line breaks. */
export async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    const parts = (rest + decoder.decode(chunk, { stream: true })).split(/\r?\n/);
    rest = parts.pop()!;
    yield* parts;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

function parseOptions(args: string[]): ChatOptions {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string", default: "http://localhost:8000" },
      login: { type: "string" },
      password: { type: "string" },
      channel: { type: "string" },
      guild: { type: "string" },
    },
  });
  if (!values.login) throw new Error("--login <username or e-mail> is required");
  const password = values.password ?? Deno.env.get("CHAT_PASSWORD") ?? prompt("Password:");
  if (!password) throw new Error("--password (or CHAT_PASSWORD) is required");
  return { ...values, login: values.login, password, url: values.url! };
}

if (import.meta.main) {
  try {
    await runChat(parseOptions(Deno.args), {
      lines: readLines(Deno.stdin.readable),
      print: (line) => console.log(line),
      warn: (line) => console.error(line),
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    Deno.exit(1);
  }
}
