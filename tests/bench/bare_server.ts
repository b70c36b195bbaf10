/**
 * The physical baseline of the fan-out benchmark: a bare Deno WebSocket
 * broadcast server with no auth and no store. `GET /ws` upgrades;
 * `POST /send {seq, t0}` serialises one small JSON once and sends it to
 * every open socket. Run as its own process: `deno run -A bare_server.ts <port>`.
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

/** Sends one event to every socket; answers how many sockets it went to. */
async function send(req: Request): Promise<Response> {
  const { seq, t0 } = await req.json();
  const frame = JSON.stringify({ t: "msg", seq, t0 });
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
