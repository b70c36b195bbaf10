/**
 * Opaque, time-sortable identifiers (ULIDs): 48 bits of milliseconds and 80
 * bits of randomness in Crockford base32. Ids made in the same millisecond
 * by one generator increase monotonically, so sorting by id sorts by
 * creation even within a millisecond.
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** What an id looks like: 26 characters of {@link ALPHABET}. Inputs naming an id are checked with it. */
export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Makes ids; passed to services as `deps.ids` so tests can control it. */
export interface Ids {
  /** A new unique id that sorts after every id this generator made. */
  next(): string;
}

/** The time part of an id as milliseconds since the epoch. */
export function idTime(id: string): number {
  let ms = 0;
  for (const ch of id.slice(0, 10)) ms = ms * 32 + ALPHABET.indexOf(ch);
  return ms;
}

/** The smallest id at the given time: useful as a range bound. */
export function idAt(ms: number): string {
  return encodeTime(ms) + "0".repeat(16);
}

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

/** A monotonic ULID generator reading the given clock. */
export function ulidGenerator(now: () => number = Date.now): Ids {
  let lastTime = -1;
  const random = new Uint8Array(16); // one base32 digit (5 bits) per byte
  return {
    next() {
      const time = Math.max(now(), lastTime);
      if (time === lastTime) {
        increment(random);
      } else {
        crypto.getRandomValues(random);
        for (let i = 0; i < 16; i++) random[i] &= 31;
        random[0] &= 15; // headroom so increments never overflow
        lastTime = time;
      }
      let out = encodeTime(time);
      for (const digit of random) out += ALPHABET[digit];
      return out;
    },
  };
}

function increment(digits: Uint8Array): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] < 31) {
      digits[i]++;
      return;
    }
    digits[i] = 0;
  }
}
