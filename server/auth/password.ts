/**
 * Password hashing with PBKDF2-HMAC-SHA-256 through Web Crypto: no native
 * addon and no WASM, so it runs unchanged on Deno Deploy. The iteration
 * count defaults to OWASP's 600,000 and is stored in each hash, so it can
 * be raised later without invalidating old hashes.
 *
 * Format: `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>`.
 */
import { fromBase64Url, timingSafeEqual, toBase64Url } from "../crypto/encoding.ts";

/** Hashes and verifies passwords; `deps.passwords` in the services. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `stored`; constant time in the hash. */
  verify(password: string, stored: string): Promise<boolean>;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** A PBKDF2 hasher at the given iteration count. */
export function pbkdf2Hasher(iterations = 600_000): PasswordHasher {
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const hash = await derive(password, salt, iterations);
      return `pbkdf2-sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
    },
    async verify(password, stored) {
      const [scheme, rounds, salt, hash] = stored.split("$");
      const n = Number(rounds);
      if (scheme !== "pbkdf2-sha256" || !Number.isSafeInteger(n) || n < 1) return false;
      const actual = await derive(password, fromBase64Url(salt), n);
      return timingSafeEqual(actual, fromBase64Url(hash));
    },
  };
}
