/**
 * The long channel of the scroll benchmark, seeded over the REST API (the
 * server runs with a high RATE_LIMIT_SCALE): two users taking turns in
 * runs of a few messages, with the mix of lengths and markdown a real
 * channel has, so rows differ in height and grouping like they do in use.
 * The same texts feed the static baseline page.
 */

/** The seeded channel and how to open it. */
export interface LongChannel {
  login: string;
  password: string;
  /** `/app#/channels/<guild>/<channel>` */
  channelPath: string;
  messages: number;
  seconds: number;
}

const PASSWORD = "correct horse battery";
const CONCURRENCY = 16;
const WORDS = ("the quick brown fox jumps over a lazy dog while seven tired lamps " +
  "hum quietly beside an open window full of rain and distant trains").split(" ");

/** The text of the i-th message (0-based): mostly short lines, some long, some markdown. */
export function benchText(i: number): string {
  const n = String(i + 1).padStart(5, "0");
  if (i % 13 === 0) return `code ${n}:\n\`\`\`ts\nconst a = ${i};\nconst b = a * 2;\n\`\`\``;
  if (i % 11 === 0) {
    return `long ${n}: ` + Array.from({ length: 60 }, (_, k) => WORDS[(i + k) % WORDS.length])
      .join(" ");
  }
  if (i % 7 === 0) return `**bold ${n}** with _italic_, \`code\` and https://example.org/${n}`;
  if (i % 17 === 0) return `> quoted ${n}\nand the answer below it`;
  return `message ${n} ${WORDS.slice(i % 9, (i % 9) + 3 + (i % 5)).join(" ")}`;
}

/** Which of the two authors writes message i: turns of 1–5 messages. */
export function benchAuthor(i: number): 0 | 1 {
  let turn = 0;
  let at = 0;
  while (at <= i) at += ((turn++ * 7) % 5) + 1;
  return (turn % 2) as 0 | 1;
}

async function call<T>(origin: string, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${origin}/api/v1${path}`, {
    method: "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return await res.json() as T;
}

async function register(origin: string, name: string): Promise<string> {
  const { accessToken } = await call<{ accessToken: string }>(origin, "/auth/register", {
    username: name,
    email: `${name}@example.org`,
    password: PASSWORD,
  });
  return accessToken;
}

/**
 * Seeds a channel with `count` messages, {@link CONCURRENCY} requests in
 * flight; the server orders them by arrival, which is all the list needs.
 */
export async function seedLongChannel(origin: string, count: number): Promise<LongChannel> {
  const started = performance.now();
  const suffix = Date.now().toString(36);
  const owner = `scroll${suffix}`;
  const tokens = [await register(origin, owner), await register(origin, `peer${suffix}`)];
  const guild = await call<{ id: string; channels: { id: string; name: string }[] }>(
    origin,
    "/guilds",
    { name: "Scroll bench" },
    tokens[0],
  );
  const invite = await call<{ code: string }>(origin, `/guilds/${guild.id}/invites`, {}, tokens[0]);
  await call(origin, `/invites/${invite.code}`, undefined, tokens[1]);
  const channel = guild.channels.find((c) => c.name === "general")!;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await call(origin, `/channels/${channel.id}/messages`, {
        content: benchText(i),
        nonce: `scroll-${i}-${suffix}`,
      }, tokens[benchAuthor(i)]);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return {
    login: owner,
    password: PASSWORD,
    channelPath: `/app#/channels/${guild.id}/${channel.id}`,
    messages: count,
    seconds: (performance.now() - started) / 1000,
  };
}
