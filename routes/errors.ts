/** The one place errors become responses: RFC 9457 problem documents. */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, type ErrorCode } from "../server/errors.ts";
import type { Logger } from "../server/log.ts";
import type { AppEnv } from "./api/env.ts";

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: "validation_failed",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** Renders an AppError as `application/problem+json`. */
export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const body = {
    type: error.code,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    requestId: c.get("requestId"),
  };
  if (error.retryAfter) c.header("retry-after", String(error.retryAfter));
  c.header("content-type", "application/problem+json");
  // deno-lint-ignore no-explicit-any
  return c.body(JSON.stringify(body), error.status as any);
}

/** Maps anything thrown to a problem; unexpected errors are logged, never leaked. */
export function onError(log: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof AppError) return problemResponse(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      const code = CODE_BY_STATUS[err.status] ?? "validation_failed";
      const title = err.status === 400 && /json/i.test(err.message)
        ? "Request body is not valid JSON"
        : err.message || "Request failed";
      return problemResponse(c, new AppError(code, title, { detail: err.message }));
    }
    log.error("unhandled error", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    return problemResponse(
      c,
      new AppError("internal", "Internal server error", {
        detail: "the error was logged with this request id",
      }),
    );
  };
}

/** Unknown API paths answer with a problem too. */
export const apiNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(
    c,
    new AppError("not_found", "Route not found", { detail: `${c.req.method} ${c.req.path}` }),
  );
