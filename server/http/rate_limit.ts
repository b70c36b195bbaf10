/**
 * Fixed-window rate limits kept in this instance's memory. Enough for one
 * machine; behind several instances each enforces its own share.
 */
import { AppError } from "../errors.ts";
import type { Clock } from "../clock.ts";

/** One named limit: at most `max` hits per `windowMs` for each key. */
export interface RateRule {
  name: string;
  max: number;
  windowMs: number;
}

/** Counts hits per key and refuses them past the rule's maximum. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly clock: Clock, private readonly maxKeys = 100_000) {}

  /**
   * Records a hit for `key` under `rule`, or throws `rate_limited` with the
   * seconds until the window ends.
   */
  hit(rule: RateRule, key: string): void {
    const now = this.clock.now();
    const id = `${rule.name}:${key}`;
    let w = this.windows.get(id);
    if (!w || now - w.start >= rule.windowMs) {
      if (this.windows.size >= this.maxKeys) this.sweep(now, rule.windowMs);
      w = { start: now, count: 0 };
      this.windows.set(id, w);
    }
    if (w.count >= rule.max) {
      const retryAfter = Math.max(1, Math.ceil((w.start + rule.windowMs - now) / 1000));
      throw new AppError("rate_limited", "Too many requests", {
        detail: `${rule.max} ${rule.name} attempts per ${rule.windowMs / 1000} s allowed; ` +
          `try again in ${retryAfter} s`,
        retryAfter,
      });
    }
    w.count++;
  }

  private sweep(now: number, windowMs: number): void {
    for (const [id, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(id);
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}
