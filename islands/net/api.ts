/**
 * JSON over `fetch` to `/api/v1`. Failures become {@link ApiError}s carrying
 * the problem document's title and detail, ready to show to the user.
 * Authenticated calls send the access token and, when it is missing or
 * rejected, refresh it once through the HttpOnly refresh cookie.
 */
import type { Problem } from "../../server/wire/types.ts";
import { retryAfterMs } from "./backoff.ts";
import { accessToken, loadAccessToken, saveAccessToken } from "./token.ts";

const BASE = "/api/v1";
/** The Web Lock that serialises refreshes across this origin's tabs. */
const REFRESH_LOCK = "chat.auth.refresh";

/** A failed API call; `title` and `detail` come from the server's problem document. */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    /** The problem `type`, e.g. `unauthorized`. */
    readonly type = "error",
    /** How long the server asked to wait (`Retry-After` of a 429), in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
  }
}

/** Options of {@link request}. */
export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Send the access token (default true). */
  auth?: boolean;
}

/** Calls `method path` and returns the parsed JSON body (undefined for empty answers). */
export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  if (options.auth === false) return parse<T>(await send(method, path, options.body, null));
  const token = loadAccessToken() ?? await refreshAccessToken(null);
  let response = await send(method, path, options.body, token);
  if (response.status === 401) {
    response = await send(method, path, options.body, await refreshAccessToken(token));
  }
  return parse<T>(response);
}

/**
 * Trades the refresh cookie for a new access token. Refreshes rotate the
 * cookie and reusing an old one revokes the session, so they run one at a
 * time (a Web Lock spans tabs), and a caller whose `stale` token was already
 * replaced while it waited gets the replacement instead of refreshing again.
 */
export function refreshAccessToken(stale: string | null): Promise<string> {
  const locks = globalThis.navigator?.locks;
  return locks
    ? locks.request(REFRESH_LOCK, () => refreshUnlessDone(stale))
    : refreshUnlessDone(stale);
}

async function refreshUnlessDone(stale: string | null): Promise<string> {
  const current = accessToken.peek();
  if (current !== null && current !== stale) return current;
  try {
    const { accessToken: fresh } = await parse<{ accessToken: string }>(
      await send("POST", "/auth/refresh", undefined, null),
    );
    saveAccessToken(fresh);
    return fresh;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) saveAccessToken(null);
    throw error;
  }
}

async function send(
  method: string,
  path: string,
  body: unknown,
  token: string | null,
): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "Cannot reach the server", "Check your connection and try again.");
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (!response.ok) throw await problemError(response);
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : undefined) as T;
}

/** The {@link ApiError} for a failed response, from its problem+json body when it has one. */
export async function problemError(response: Response): Promise<ApiError> {
  const wait = retryAfterMs(response.headers.get("retry-after"));
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    try {
      const problem = await response.json() as Partial<Problem>;
      if (typeof problem.title === "string") {
        return new ApiError(response.status, problem.title, problem.detail, problem.type, wait);
      }
    } catch {
      // Not JSON after all: fall through to the generic error.
    }
  }
  return new ApiError(
    response.status,
    `Request failed with status ${response.status}`,
    response.statusText || undefined,
    "error",
    wait,
  );
}
