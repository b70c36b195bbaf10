/** The REST API under `/api/v1`, with its OpenAPI document. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { Services } from "../../server/services.ts";
import { AppError } from "../../server/errors.ts";
import { authRoutes } from "./auth.ts";
import type { AppEnv } from "./env.ts";
import { guildRoutes } from "./guilds.ts";
import { messageRoutes } from "./messages.ts";
import { pushRoutes } from "./push.ts";
import { relationshipRoutes } from "./relationships.ts";
import { userRoutes } from "./users.ts";
import { voiceRoutes } from "./voice.ts";

/** Largest JSON body accepted: 1 MiB. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** Builds `/api/v1`. */
export function apiRoutes(services: Services): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>();
  api.use(
    "*",
    bodyLimit({
      maxSize: JSON_BODY_LIMIT,
      onError: () => {
        throw new AppError("payload_too_large", "Request body is too large", {
          detail: `JSON bodies may be at most ${JSON_BODY_LIMIT} bytes`,
        });
      },
    }),
  );
  api.route("/", authRoutes(services));
  api.route("/", userRoutes(services));
  api.route("/", guildRoutes(services));
  api.route("/", relationshipRoutes(services));
  api.route("/", messageRoutes(services));
  api.route("/", pushRoutes(services));
  api.route("/", voiceRoutes(services));
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Chat API",
      version: "1.0.0",
      description: "REST API of the chat. Errors are RFC 9457 problem documents.",
    },
    servers: [{ url: "/api/v1" }],
  });
  return api;
}
