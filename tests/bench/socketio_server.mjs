/**
 * The peer of the fan-out benchmark: a Socket.IO broadcast server on Node
 * (the seeds' stack). `POST /send {seq, t0}` broadcasts to every socket
 * with `io.emit`. Run as its own process: `node socketio_server.mjs <port>`.
 */
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8102);

/** Reads a JSON request body. */
function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (e) {
        reject(e);
      }
    });
    req.on("error", reject);
  });
}

const http = createServer(async (req, res) => {
  if (req.url === "/send" && req.method === "POST") {
    try {
      const { seq, t0 } = await readJson(req);
      io.emit("msg", { seq, t0 });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ sent: io.engine.clientsCount }));
    } catch {
      res.writeHead(400).end();
    }
    return;
  }
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ sockets: io.engine.clientsCount }));
    return;
  }
  // socket.io answers its own paths; everything else is not found.
  if (!req.url?.startsWith("/socket.io/")) res.writeHead(404).end();
});

const io = new Server(http, { transports: ["websocket"], serveClient: false });
http.listen(port, "127.0.0.1");
