/** A user's (or guild's) initials on a colour derived from their id, with a presence dot. */
import type { PresenceStatus } from "../../server/wire/types.ts";

/** Props of {@link Avatar}. */
export interface AvatarProps {
  id: string;
  name: string;
  status?: PresenceStatus;
  small?: boolean;
}

/** Decorative: the name is always shown next to it, so it is hidden from assistive tech. */
export function Avatar({ id, name, status, small }: AvatarProps) {
  return (
    <span class={`avatar c${hue(id)}${small ? " small" : ""}`} aria-hidden="true">
      {initials(name)}
      {status && <span class={`presence ${status}`} />}
    </span>
  );
}

/** Up to two initials of a name ("Alice Smith" → "AS"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[1]] : [words[0] ?? "?"];
  return letters.map((w) => [...w][0] ?? "").join("").toUpperCase() || "?";
}

function hue(id: string): number {
  let sum = 0;
  for (let i = 0; i < id.length; i++) sum = (sum * 31 + id.charCodeAt(i)) >>> 0;
  return sum % 6;
}
