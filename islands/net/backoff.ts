/** Reconnect delays: exponential, capped, with jitter so clients do not return in lockstep. */

/** Bounds of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay of the first retry before jitter (ms). */
  baseMs: number;
  /** Largest delay (ms). */
  capMs: number;
}

/** The gateway's defaults: 0.5 s doubling up to 30 s. */
export const GATEWAY_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/**
 * The delay before retry number `attempt` (0 = first retry): the capped
 * exponential `min(cap, base·2^attempt)`, of which a random half is kept
 * ("equal jitter": never less than half, never more than the cap).
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = GATEWAY_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Seconds of a `Retry-After` header (delta-seconds or an HTTP date) as ms, or null. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
