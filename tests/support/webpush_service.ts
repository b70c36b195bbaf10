/**
 * A local HTTPS endpoint standing in for a push service (FCM, Mozilla
 * autopush, …): the only fake in the push tests, since push services are
 * third parties that cannot run here. It serves TLS with a self-signed
 * certificate made by `openssl` at start, records every request, and
 * answers with the statuses a test queues per subscription (201 otherwise).
 */
import https from "node:https";

/** One request the push service received. */
export interface ReceivedPush {
  /** The subscription name (the endpoint's last path segment). */
  name: string;
  headers: Headers;
  body: Uint8Array;
}

/** What a queued answer does: a status, or hold the request until released. */
export type Answer = number | { holdUntil: Promise<void>; status: number };

/** The running stand-in. */
export interface FakePushService {
  /** An https endpoint URL for a new subscription called `name`. */
  endpoint(name: string): string;
  /** Queues answers for the next requests to `name`, in order. */
  answer(name: string, ...answers: Answer[]): void;
  /** Everything received so far, in arrival order. */
  readonly received: ReceivedPush[];
  /** The first request at index `from` or later to `name`, waiting up to 10 s for it. */
  next(name: string, from?: number): Promise<ReceivedPush>;
  /** An agent that trusts this service's certificate, for web-push. */
  agent: https.Agent;
  close(): Promise<void>;
}

async function selfSignedCertificate(): Promise<{ cert: string; key: string }> {
  const dir = await Deno.makeTempDir({ prefix: "push-service-" });
  const out = await new Deno.Command("openssl", {
    args: [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      `${dir}/key.pem`,
      "-out",
      `${dir}/cert.pem`,
    ],
    stdout: "null",
    stderr: "piped",
  }).output().catch((e) => {
    throw new Error(`the push service stand-in needs openssl on PATH: ${e}`);
  });
  if (!out.success) throw new Error(`openssl failed: ${new TextDecoder().decode(out.stderr)}`);
  const [cert, key] = await Promise.all([
    Deno.readTextFile(`${dir}/cert.pem`),
    Deno.readTextFile(`${dir}/key.pem`),
  ]);
  await Deno.remove(dir, { recursive: true });
  return { cert, key };
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startFakePushService(): Promise<FakePushService> {
  const { cert, key } = await selfSignedCertificate();
  const received: ReceivedPush[] = [];
  const answers = new Map<string, Answer[]>();
  const waiters = new Set<() => void>();
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", cert, key, onListen: () => {} },
    async (req) => {
      const name = new URL(req.url).pathname.split("/").pop() ?? "";
      const body = new Uint8Array(await req.arrayBuffer());
      received.push({ name, headers: req.headers, body });
      for (const wake of [...waiters]) wake();
      const answer = answers.get(name)?.shift() ?? 201;
      if (typeof answer === "number") return new Response(null, { status: answer });
      await answer.holdUntil;
      return new Response(null, { status: answer.status });
    },
  );
  const agent = new https.Agent({ ca: cert });
  return {
    endpoint: (name) => `https://127.0.0.1:${server.addr.port}/push/${name}`,
    answer(name, ...queued) {
      answers.set(name, [...(answers.get(name) ?? []), ...queued]);
    },
    received,
    agent,
    next(name, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.slice(from).find((r) => r.name === name);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no push to ${name} within 10 s`));
        }, 10_000);
        waiters.add(check);
        check();
      });
    },
    async close() {
      agent.destroy();
      await server.shutdown();
    },
  };
}
