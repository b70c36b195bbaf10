/** Server-rendered pages and static files. */
import { Hono } from "hono";
import type { Services } from "../../server/services.ts";
import type { AppEnv } from "../api/env.ts";

/** The page routes (filled in by the pages work). */
export function pageRoutes(_services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => c.text("Chat"));
  return app;
}
