import { expect, test } from "vitest";
import { backoffDelay, retryAfterMs } from "./backoff.ts";

test("reconnect delays double from half a second and stop growing at 30 seconds", () => {
  const top = (attempt: number) => backoffDelay(attempt, undefined, () => 0.999999);
  expect(top(0)).toBe(500);
  expect(top(1)).toBe(1000);
  expect(top(3)).toBe(4000);
  expect(top(10)).toBe(30_000);
  expect(top(1000)).toBe(30_000);
});

test("jitter keeps each delay between half and all of its ceiling", () => {
  expect(backoffDelay(2, undefined, () => 0)).toBe(1000);
  expect(backoffDelay(2, undefined, () => 0.5)).toBe(1500);
  expect(backoffDelay(20, undefined, () => 0)).toBe(15_000);
});

test("Retry-After is read as seconds or as a date", () => {
  expect(retryAfterMs("3")).toBe(3000);
  expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
  expect(retryAfterMs(null)).toBeNull();
  expect(retryAfterMs("soon")).toBeNull();
});
