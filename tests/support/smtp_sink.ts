/**
 * FAKE SMTP SERVER — a stand-in for a third-party mail server, which
 * cannot run on the build machines. It speaks just enough SMTP for a real
 * client (nodemailer, used by our smtpMailer) to deliver, and keeps every
 * message so tests can read the mail our code composed.
 */

/** A delivered message: envelope and raw RFC 5322 data. */
export interface SunkMail {
  from: string;
  to: string[];
  data: string;
}

/** A running sink: its port, what it received, and a way to wait for mail. */
export interface SmtpSink {
  port: number;
  messages: SunkMail[];
  /** Resolves with the next message (or one already received). */
  next(): Promise<SunkMail>;
  close(): Promise<void>;
}

/** Starts the fake SMTP server on a free loopback port. */
export function startSmtpSink(): SmtpSink {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const messages: SunkMail[] = [];
  let taken = 0;
  const waiters: ((m: SunkMail) => void)[] = [];
  const conns = new Set<Deno.Conn>();

  function deliver(m: SunkMail) {
    messages.push(m);
    const waiter = waiters.shift();
    if (waiter) {
      taken++;
      waiter(m);
    }
  }

  async function serve(conn: Deno.Conn) {
    conns.add(conn);
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    const say = (line: string) => conn.write(enc.encode(line + "\r\n"));
    let buffer = "";
    let inData = false;
    let mail: SunkMail = { from: "", to: [], data: "" };
    await say("220 sink ESMTP");
    const chunk = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await conn.read(chunk);
        if (n === null) break;
        buffer += dec.decode(chunk.subarray(0, n));
        for (;;) {
          if (inData) {
            const end = buffer.indexOf("\r\n.\r\n");
            if (end < 0) break;
            mail.data = buffer.slice(0, end).replaceAll("\r\n..", "\r\n.");
            buffer = buffer.slice(end + 5);
            inData = false;
            deliver(mail);
            mail = { from: "", to: [], data: "" };
            await say("250 OK queued");
            continue;
          }
          const eol = buffer.indexOf("\r\n");
          if (eol < 0) break;
          const line = buffer.slice(0, eol);
          buffer = buffer.slice(eol + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === "EHLO" || verb === "HELO") await say("250 sink");
          else if (verb === "MAIL") {
            mail.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
            await say("250 OK");
          } else if (verb === "RCPT") {
            mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
            await say("250 OK");
          } else if (verb === "DATA") {
            inData = true;
            await say("354 End data with <CR><LF>.<CR><LF>");
          } else if (verb === "QUIT") {
            await say("221 Bye");
            conn.close();
            return;
          } else await say("250 OK");
        }
      }
    } catch {
      // the client went away
    } finally {
      conns.delete(conn);
    }
  }

  (async () => {
    try {
      for await (const conn of listener) serve(conn);
    } catch {
      // closed
    }
  })();

  return {
    port: (listener.addr as Deno.NetAddr).port,
    messages,
    next() {
      if (taken < messages.length) return Promise.resolve(messages[taken++]);
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
      return Promise.resolve();
    },
  };
}

/** The decoded text body of a simple (quoted-printable or base64) mail. */
export function mailText(data: string): string {
  const body = data.slice(data.indexOf("\r\n\r\n") + 4);
  if (/content-transfer-encoding: base64/i.test(data)) {
    const binary = atob(body.replace(/\s+/g, ""));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  }
  if (!/content-transfer-encoding: quoted-printable/i.test(data)) return body;
  const bytes: number[] = [];
  const soft = body.replace(/=\r\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(soft[i]));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
