/**
 * What every API sub-app shares: the Hono env type, a router factory whose
 * validation failures become `validation_failed` problems, the bearer-token
 * guard and the client address.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { ZodError } from "zod";
import { AppError } from "../../server/errors.ts";
import type { Services } from "../../server/services.ts";

/** Request-scoped variables set by middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Set by {@link requireAuth}. */
    userId: string;
    /** The session family of the access token, set by {@link requireAuth}. */
    sessionId: string;
  };
  Bindings: { remoteAddr?: { hostname?: string } } | undefined;
}

/** Turns a zod error into the problem the API promises. */
export function validationError(error: ZodError): AppError {
  const errors = error.issues.map((i) => ({
    path: i.path.join(".") || "(body)",
    message: i.message,
  }));
  const first = errors[0];
  return new AppError("validation_failed", "Request is invalid", {
    detail: first ? `${first.path}: ${first.message}` : "the request did not match its schema",
    errors,
  });
}

/** A sub-app whose request validation throws `validation_failed`. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error as ZodError);
    },
  });
}

/** Requires `Authorization: Bearer <access token>` for a live session. */
export function requireAuth(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get("userId")) return await next(); // already checked by an outer guard
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([\w.-]+)$/.exec(header);
    if (!match) {
      throw new AppError("unauthorized", "Authentication required", {
        detail: header
          ? "the Authorization header must be `Bearer <access token>`"
          : "send `Authorization: Bearer <access token>`",
      });
    }
    const claims = await services.auth.authenticate(match[1]);
    c.set("userId", claims.userId);
    c.set("sessionId", claims.sessionId);
    await next();
  };
}

/**
 * The client's address: the socket peer, or with `TRUST_PROXY=1` the first
 * address of `X-Forwarded-For` set by the reverse proxy.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.remoteAddr?.hostname ?? "unknown";
}
