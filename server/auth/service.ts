/**
 * Accounts and sessions: register, log in, rotate refresh tokens (a reused
 * token revokes its whole family), log out, reset a forgotten password.
 */
import type { Clock } from "../clock.ts";
import { randomToken, sha256Hex } from "../crypto/encoding.ts";
import { AppError } from "../errors.ts";
import type { Ids } from "../ids.ts";
import type { Logger } from "../log.ts";
import type { Store, UserRecord } from "../store/port.ts";
import { toUser } from "../users/views.ts";
import type { Locale, User } from "../wire/types.ts";
import type { Mailer } from "./mailer.ts";
import { resetMail } from "./mails.ts";
import type { PasswordHasher } from "./password.ts";
import type { AccessClaims, AccessTokens } from "./tokens.ts";

/** What the auth service is built from. */
export interface AuthDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  passwords: PasswordHasher;
  tokens: AccessTokens;
  mailer: Mailer;
  log: Logger;
  publicUrl: URL;
  refreshTtlSeconds: number;
}

/** A new or continued session: the access token and the next refresh token. */
export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
}

/** Registration input, already validated by the route's schema. */
export interface Registration {
  username: string;
  email: string;
  password: string;
  displayName?: string;
  locale?: Locale;
}

const RESET_TTL_MS = 60 * 60 * 1000;

const invalidRefresh = (detail: string) =>
  new AppError("unauthorized", "Refresh token is invalid", { detail });

/** Account and session operations. */
export class AuthService {
  /** Verified against when no account matches, so timing tells nothing. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthDeps) {}

  /** Creates an account and logs it in. */
  async register(input: Registration): Promise<IssuedSession & { user: User }> {
    const { store, clock, ids, passwords } = this.deps;
    const record: UserRecord = {
      id: ids.next(),
      username: input.username.toLowerCase(),
      email: input.email.toLowerCase(),
      displayName: input.displayName?.trim() || input.username,
      passwordHash: await passwords.hash(input.password),
      locale: input.locale ?? "en",
      avatar: null,
      createdAt: new Date(clock.now()).toISOString(),
    };
    await store.users.create(record);
    this.deps.log.info("user registered", { userId: record.id });
    return { user: toUser(record), ...(await this.startSession(record.id)) };
  }

  /** Logs in by username or e-mail. */
  async login(login: string, password: string): Promise<IssuedSession & { user: User }> {
    const { store, passwords } = this.deps;
    const key = login.toLowerCase();
    const user = key.includes("@")
      ? await store.users.getByEmail(key)
      : await store.users.getByUsername(key);
    const ok = await passwords.verify(password, user?.passwordHash ?? await this.dummy());
    if (!user || !ok) {
      throw new AppError("unauthorized", "Wrong username, e-mail or password", {
        detail: "no account matches these credentials",
      });
    }
    return { user: toUser(user), ...(await this.startSession(user.id)) };
  }

  /** Exchanges a refresh token for a new pair; the old one stops working. */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw invalidRefresh("no refresh cookie was sent");
    const { store, clock } = this.deps;
    const now = clock.now();
    const next = randomToken();
    const result = await store.sessions.rotate(await sha256Hex(refreshToken), {
      hash: await sha256Hex(next),
      expiresAt: this.refreshExpiry(now),
      rotatedAt: null,
    }, new Date(now).toISOString());
    switch (result.kind) {
      case "rotated": {
        const claims = { userId: result.family.userId, sessionId: result.family.id };
        return { accessToken: await this.deps.tokens.issue(claims, now), refreshToken: next };
      }
      case "reused":
        await store.sessions.revokeFamily(result.family.id, new Date(now).toISOString());
        this.deps.log.warn("refresh token reused: session revoked", {
          userId: result.family.userId,
          sessionId: result.family.id,
        });
        throw invalidRefresh("this token was already used; the session has been revoked");
      case "expired":
        throw invalidRefresh("the session has expired; log in again");
      case "revoked":
        throw invalidRefresh("the session was logged out or revoked");
      case "missing":
        throw invalidRefresh("the token is unknown");
    }
  }

  /** Revokes the session the refresh token belongs to (no error if unknown). */
  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const { store, clock } = this.deps;
    const family = await store.sessions.familyOfToken(await sha256Hex(refreshToken));
    if (family) await store.sessions.revokeFamily(family.id, new Date(clock.now()).toISOString());
  }

  /** Verifies an access token and that its session is still live. */
  async authenticate(accessToken: string): Promise<AccessClaims> {
    const claims = await this.deps.tokens.verify(accessToken, this.deps.clock.now());
    const family = await this.deps.store.sessions.getFamily(claims.sessionId);
    if (!family || family.revokedAt || family.userId !== claims.userId) {
      throw new AppError("unauthorized", "Session was revoked", {
        detail: "log in again to get a new session",
      });
    }
    return claims;
  }

  /** Mails a reset link when the address has an account; silent otherwise. */
  async requestPasswordReset(email: string): Promise<void> {
    const { store, clock, mailer, log } = this.deps;
    const user = await store.users.getByEmail(email.toLowerCase());
    if (!user) return;
    const token = randomToken();
    await store.resets.create({
      hash: await sha256Hex(token),
      userId: user.id,
      expiresAt: new Date(clock.now() + RESET_TTL_MS).toISOString(),
    });
    const link = new URL(`/reset-password?token=${encodeURIComponent(token)}`, this.deps.publicUrl);
    try {
      await mailer.send(resetMail(user, link, RESET_TTL_MS / 60_000));
    } catch (e) {
      log.error("password reset mail failed", { userId: user.id, error: String(e) });
    }
  }

  /** Sets a new password from a reset token and revokes every session. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const { store, clock, passwords } = this.deps;
    const now = new Date(clock.now()).toISOString();
    const reset = await store.resets.consume(await sha256Hex(token), now);
    if (!reset) {
      throw new AppError("unauthorized", "Reset link is invalid or expired", {
        detail: "request a new password reset e-mail",
      });
    }
    await store.users.update(reset.userId, { passwordHash: await passwords.hash(password) });
    await store.sessions.revokeAllForUser(reset.userId, now);
  }

  private async startSession(userId: string): Promise<IssuedSession> {
    const { store, clock, ids, tokens } = this.deps;
    const now = clock.now();
    const sessionId = ids.next();
    const refreshToken = randomToken();
    await store.sessions.create(
      { id: sessionId, userId, createdAt: new Date(now).toISOString(), revokedAt: null },
      {
        hash: await sha256Hex(refreshToken),
        familyId: sessionId,
        userId,
        expiresAt: this.refreshExpiry(now),
        rotatedAt: null,
      },
    );
    return { accessToken: await tokens.issue({ userId, sessionId }, now), refreshToken };
  }

  private refreshExpiry(now: number): string {
    return new Date(now + this.deps.refreshTtlSeconds * 1000).toISOString();
  }

  private dummy(): Promise<string> {
    return this.dummyHash ??= this.deps.passwords.hash(randomToken());
  }
}
