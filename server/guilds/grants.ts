/** The anti-escalation rule for granting bits: only what one holds oneself. */
import { AppError } from "../errors.ts";
import { ALL_PERMISSIONS } from "../permissions/bits.ts";
import { permissionName } from "../permissions/access.ts";

/**
 * The bitfield of `text` if the actor (holding `held`) may grant it: every
 * bit known, and every bit held by the actor (the owner and administrators
 * hold all). `forbidden` otherwise. The route has already checked that
 * `text` is 1–16 digits.
 */
export function requireGrantable(text: string, held: number, field: string): number {
  const bits = Number(text);
  if (!Number.isSafeInteger(bits) || bits > ALL_PERMISSIONS) {
    throw new AppError("forbidden", "Cannot grant unknown permission bits", {
      detail: `${field} ${text} has bits outside the known set (at most ${ALL_PERMISSIONS})`,
    });
  }
  const missing = bits & ~held;
  if (missing !== 0) {
    throw new AppError("forbidden", "Cannot grant permissions you do not hold", {
      detail: `${field} includes ${permissionName(missing)}, which you do not hold`,
    });
  }
  return bits;
}
