/**
 * The one error type of the application. Services throw it; the HTTP layer
 * maps its code to a status through {@link STATUS_BY_CODE} and renders it
 * as problem+json in one `onError`.
 */

/** Stable snake_case codes, part of the API contract (`Problem.type`). */
export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "validation_failed"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type"
  | "internal";

/** The one table from error code to HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
};

/** A field-level complaint inside a `validation_failed` problem. */
export interface FieldError {
  path: string;
  message: string;
}

/** Options that refine an {@link AppError}. */
export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  /** Seconds after which a `rate_limited` request may be retried. */
  retryAfter?: number;
  cause?: unknown;
}

/** An expected failure with a stable code, a short title and a detail. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly retryAfter?: number;

  constructor(code: ErrorCode, title: string, options: AppErrorOptions = {}) {
    super(options.detail ? `${title}: ${options.detail}` : title, {
      cause: options.cause,
    });
    this.name = "AppError";
    this.code = code;
    this.title = title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.retryAfter = options.retryAfter;
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

/** Shorthand for the most common failure: something does not exist. */
export function notFound(what: string, detail?: string): AppError {
  return new AppError("not_found", `${what} not found`, { detail });
}
