/** Helpers shared by the MongoDB repositories. */
import { MongoServerError } from "mongodb";

/**
 * Returns `value` when it is a string and throws otherwise, so that no
 * caller-supplied object (such as `{ $ne: null }`) ever reaches a filter.
 */
export function str(value: unknown, what: string): string {
  if (typeof value !== "string") throw new TypeError(`${what} must be a string`);
  return value;
}

/** The string with every regular-expression metacharacter escaped. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The `Date` a TTL index expires a document at, from an ISO-8601 time. */
export function ttlDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TypeError(`invalid ISO-8601 time "${iso}"`);
  return date;
}

/**
 * When `error` is a duplicate-key error (E11000), the fields of the unique
 * index it hit (possibly empty when the server did not say); otherwise null.
 */
export function duplicateKeyFields(error: unknown): string[] | null {
  if (!(error instanceof MongoServerError) || error.code !== 11000) return null;
  const pattern: unknown = error.keyPattern;
  return pattern && typeof pattern === "object" ? Object.keys(pattern) : [];
}
