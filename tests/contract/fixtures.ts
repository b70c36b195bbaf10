/** Records and times shared by the store contract's parts. */
import type {
  RefreshTokenRecord,
  SessionFamilyRecord,
  UserRecord,
} from "../../server/store/port.ts";

/** Long after any test runs, so TTL indexes never remove test data mid-test. */
export const EXPIRES = "2099-01-01T00:00:00.000Z";
/** A "now" before every expiry used in the contract. */
export const NOW = "2030-01-01T00:00:00.000Z";
/** A "now" after every expiry used in the contract. */
export const AFTER_EXPIRY = "2100-01-01T00:00:00.000Z";

let counter = 0;
/** A lower-case name unique to this run and call. */
export function unique(prefix = "u"): string {
  counter += 1;
  return `${prefix}${crypto.randomUUID().slice(0, 8)}${counter}`;
}

/** A valid user with unique id, username and e-mail. */
export function user(overrides: Partial<UserRecord> = {}): UserRecord {
  const name = unique();
  return {
    id: unique("id"),
    username: name,
    displayName: `Display ${name}`,
    email: `${name}@example.com`,
    passwordHash: "argon2id$hash",
    locale: "en",
    avatar: null,
    createdAt: NOW,
    ...overrides,
  };
}

/** A live session family of `userId`. */
export function family(userId: string): SessionFamilyRecord {
  return { id: unique("fam"), userId, createdAt: NOW, revokedAt: null };
}

/** A live first token of `fam`. */
export function token(fam: SessionFamilyRecord, expiresAt = EXPIRES): RefreshTokenRecord {
  return { hash: unique("h"), familyId: fam.id, userId: fam.userId, expiresAt, rotatedAt: null };
}

/** A successor token for `rotate`. */
export function next(expiresAt = EXPIRES): Omit<RefreshTokenRecord, "familyId" | "userId"> {
  return { hash: unique("h"), expiresAt, rotatedAt: null };
}

/** Orders users by id, to compare unordered results. */
export const byId = (a: UserRecord, b: UserRecord) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
