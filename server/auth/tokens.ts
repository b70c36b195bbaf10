/**
 * Access tokens: short-lived HS256 JWTs signed with `jose`. Only HS256 is
 * accepted on verification, so `alg: none` and algorithm confusion fail.
 * A token that verified is remembered, by its exact text, until it
 * expires: a client presents the same token on every request of its
 * lifetime, and checking the signature again would only repeat the answer.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import { BoundedMap } from "../bounded_map.ts";
import { AppError } from "../errors.ts";

/** The claims the app reads from a verified access token. */
export interface AccessClaims {
  userId: string;
  /** The session family the token was issued for. */
  sessionId: string;
}

/** Issues and verifies access tokens; `deps.tokens` in the services. */
export interface AccessTokens {
  issue(claims: AccessClaims, nowMs: number): Promise<string>;
  /** The claims, or an `unauthorized` AppError saying why not. */
  verify(token: string, nowMs: number): Promise<AccessClaims>;
}

const ISSUER = "chat";
const AUDIENCE = "chat-api";

/** Verified tokens remembered at most; past it, the oldest is forgotten first. */
export const VERIFIED_TOKENS_KEPT = 10_000;

/** A verified token's claims and its `exp` (seconds since the epoch). */
interface Verified {
  claims: AccessClaims;
  exp: number;
}

/** Access tokens signed with `secret`, valid for `ttlSeconds`. */
export function jwtAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  // Imported once: given the raw bytes, jose would import the key again for every token.
  let imported: Promise<CryptoKey> | null = null;
  const hmacKey = () =>
    imported ??= crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
  const verified = new BoundedMap<string, Verified>(VERIFIED_TOKENS_KEPT);
  return {
    async issue({ userId, sessionId }, nowMs) {
      const key = await hmacKey();
      const iat = Math.floor(nowMs / 1000);
      return await new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
    async verify(token, nowMs) {
      const known = verified.get(token);
      // jose's rule: expired once `exp` is at or before the current second.
      if (known && known.exp > Math.floor(nowMs / 1000)) return known.claims;
      if (known) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, await hmacKey(), {
          algorithms: ["HS256"],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(nowMs),
        });
        if (typeof payload.sub !== "string" || typeof payload.sid !== "string") {
          throw new AppError("unauthorized", "Access token is invalid", {
            detail: "the token lacks a subject or session",
          });
        }
        const claims = { userId: payload.sub, sessionId: payload.sid };
        if (typeof payload.exp === "number") verified.set(token, { claims, exp: payload.exp });
        return claims;
      } catch (e) {
        if (e instanceof AppError) throw e;
        const expired = e instanceof errors.JWTExpired;
        throw new AppError(
          "unauthorized",
          expired ? "Access token expired" : "Access token is invalid",
          {
            detail: expired
              ? "refresh the session with POST /api/v1/auth/refresh"
              : "the token's signature, algorithm or claims were not accepted",
          },
        );
      }
    },
  };
}
