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
    const { socket, response } = Deno.upgradeWebSocket(c.req.raw);
    hub.accept(socket);
    return response;
  };
}
