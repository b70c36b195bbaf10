/**
 * The composition root: the HTTP app from the services. Middleware order:
 * request id → access log → security headers → CORS (only when configured)
 * → API and pages; errors from anywhere go through one `onError`.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../routes/api/env.ts";
import { apiRoutes } from "../routes/api/mod.ts";
import { apiNotFound, onError } from "../routes/errors.ts";
import { gatewayHandler } from "../routes/gateway.ts";
import { pageRoutes } from "../routes/pages/mod.ts";
import type { Services } from "./services.ts";

/** Content Security Policy: everything from this origin only, no inline script. */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:", "blob:"],
  mediaSrc: ["'self'", "blob:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
};

/** The whole HTTP app. */
export function createApp(services: Services): Hono<AppEnv> {
  const { config, log } = services;
  const app = new Hono<AppEnv>();
  app.use("*", requestId());
  app.use("*", async (c, next) => {
    const start = performance.now();
    await next();
    log.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: CSP,
      strictTransportSecurity: config.publicUrl.protocol === "https:"
        ? "max-age=63072000; includeSubDomains"
        : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.use("/api/*", cors({ origin: config.corsOrigins, credentials: true }));
  }
  // The gateway goes first: the REST sub-app's body limit and 404 must not see the upgrade.
  app.get("/api/v1/gateway", gatewayHandler(services.gateway));
  services.gateway.start();
  services.push.start();
  services.jobs.start();
  app.route("/api/v1", apiRoutes(services));
  app.route("/", pageRoutes(services));
  app.notFound((c) => c.req.path.startsWith("/api/") ? apiNotFound(c) : c.text("Not found", 404));
  app.onError(onError(log));
  return app;
}
