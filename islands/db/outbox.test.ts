import { expect, test } from "vitest";
import { ApiError } from "../net/api.ts";
import { classifySendError } from "./outbox.ts";

test("offline and server errors keep a message queued; refusals fail it", () => {
  expect(classifySendError(new ApiError(0, "Cannot reach the server"))).toBe("network");
  expect(classifySendError(new TypeError("Failed to fetch"))).toBe("network");
  expect(classifySendError(new ApiError(503, "Unavailable"))).toBe("server");
  expect(classifySendError(new ApiError(401, "Session expired"))).toBe("auth");
  expect(classifySendError(new ApiError(429, "Slow down"))).toBe("rate_limited");
  expect(classifySendError(new ApiError(400, "Message is too long"))).toBe("permanent");
  expect(classifySendError(new ApiError(403, "Blocked"))).toBe("permanent");
});
