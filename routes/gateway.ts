/**
 * `GET /api/v1/gateway`: upgrades to the WebSocket gateway and hands the
 * socket to this instance's Hub. Authentication happens inside the socket
 * (identify/resume), so the upgrade itself needs no credentials.
 */
import type { Handler } from "hono";
import { AppError } from "../server/errors.ts";
import type { Hub } from "../server/realtime/hub.ts";
import type { AppEnv } from "./api/env.ts";

/** The upgrade handler; plain HTTP requests get a 400 problem. */
export function gatewayHandler(hub: Hub): Handler<AppEnv> {
  return function gateway(c) {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new AppError("validation_failed", "WebSocket upgrade required", {
        detail: "connect to the gateway with a WebSocket client (Upgrade: websocket)",
      });
    }
    // Liveness is the protocol's own heartbeat (the Hub closes a socket silent for two
    // intervals); Deno's idle ping would also close sockets whose pong is merely queued
    // behind a burst of dispatches, so it is off.
    const { socket, response } = Deno.upgradeWebSocket(c.req.raw, { idleTimeout: 0 });
    hub.accept(socket);
    return response;
  };
}
