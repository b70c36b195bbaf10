/** Timeouts: who may time out whom, and for how long. */
import { AppError } from "../errors.ts";
import { type GuildAccess, requirePermission } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import { basePermissions } from "../permissions/compute.ts";
import type { MemberRecord } from "../store/port.ts";
import { requireAbove } from "./moderation.ts";

/** The longest timeout: 28 days, as on Discord. */
export const MAX_TIMEOUT_MS = 28 * 24 * 3600 * 1000;

/**
 * The stored `timeoutUntil` for a requested one (an ISO time, or null to
 * lift it). Needs MODERATE_MEMBERS and a rank above the target, who is not
 * the owner or an administrator; the time must be in the future and at
 * most {@link MAX_TIMEOUT_MS} ahead.
 */
export function checkTimeout(
  access: GuildAccess,
  target: MemberRecord,
  until: string | null,
  now: number,
): string | null {
  requirePermission(access, Permission.MODERATE_MEMBERS, "time out members", now);
  requireAbove(access, target, "time out");
  const targetBits = basePermissions(access.guild, target, access.roles);
  if (targetBits & Permission.ADMINISTRATOR) {
    throw new AppError("forbidden", "Cannot time out an administrator", {
      detail: "administrators are not held by timeouts; take the role away first",
    });
  }
  if (until === null) return null;
  const at = Date.parse(until);
  if (Number.isNaN(at) || at <= now || at - now > MAX_TIMEOUT_MS) {
    throw new AppError("validation_failed", "Timeout must end within 28 days from now", {
      detail: `timeoutUntil must be after ${new Date(now).toISOString()} and at most ` +
        `${new Date(now + MAX_TIMEOUT_MS).toISOString()}: got ${until}`,
      errors: [{ path: "timeoutUntil", message: "must be in the next 28 days" }],
    });
  }
  return new Date(at).toISOString();
}
