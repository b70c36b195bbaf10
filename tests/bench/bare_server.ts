/**
 * The physical baseline of the fan-out benchmark: a bare Deno WebSocket
 * broadcast server with no auth and no store. `GET /ws` upgrades;
 * `POST /send {seq, t0}` serialises one small JSON once and sends it to
 * every open socket. Run as its own process:
 * `deno run -A bare_server.ts <port> [message-sized]`.
 *
 * With `message-sized` it sends, instead of `{t, seq, t0}` (about 50
 * bytes), a frame of the shape and size of our gateway's MESSAGE_CREATE
 * dispatch: the floor for frames that size, to tell what the protocol's
 * payload costs from what our server adds.
 */

const sockets = new Set<WebSocket>();

/** Upgrades to a socket that only receives broadcasts. */
function upgrade(req: Request): Response {
  const { socket, response } = Deno.upgradeWebSocket(req);
  socket.onopen = () => sockets.add(socket);
  socket.onclose = () => sockets.delete(socket);
  socket.onerror = () => sockets.delete(socket);
  return response;
}

const messageSized = Deno.args[1] === "message-sized";

/** A MESSAGE_CREATE dispatch like our gateway's, carrying `seq` in its nonce as ours does. */
function messageFrame(seq: number, t0: number): string {
  const id = (n: number) => `01KBENCH${String(n).padStart(18, "0")}`;
  const author = { id: id(1), username: "bench00000", displayName: "bench00000", avatar: null };
  return JSON.stringify({
    op: "dispatch",
    t: "MESSAGE_CREATE",
    s: seq,
    d: {
      id: id(seq),
      channelId: id(2),
      guildId: id(3),
      author,
      content: JSON.stringify({ t0, seq }),
      nonce: `bench-00000000-${seq}`,
      mentions: [],
      reactions: [],
      attachments: [],
      pinned: false,
      createdAt: new Date().toISOString(),
    },
  });
}

/** Sends one event to every socket; answers how many sockets it went to. */
async function send(req: Request): Promise<Response> {
  const { seq, t0 } = await req.json();
  const frame = messageSized ? messageFrame(seq, t0) : JSON.stringify({ t: "msg", seq, t0 });
  let sent = 0;
  for (const socket of sockets) {
    if (socket.readyState !== WebSocket.OPEN) continue;
    socket.send(frame);
    sent++;
  }
  return Response.json({ sent });
}

/** Routes the three endpoints. */
function handle(req: Request): Response | Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname === "/ws") return upgrade(req);
  if (pathname === "/send" && req.method === "POST") return send(req);
  if (pathname === "/health") return Response.json({ sockets: sockets.size });
  return new Response("not found", { status: 404 });
}

const port = Number(Deno.args[0] ?? Deno.env.get("PORT") ?? 8101);
Deno.serve({ port, hostname: "127.0.0.1", onListen: () => {} }, handle);
