import type { Locale } from "../wire/types.ts";

/** A stored account. Only the users service ever sees `passwordHash`. */
export interface UserRecord {
  id: string;
  /** Lower-case, unique. */
  username: string;
  displayName: string;
  /** Lower-case, unique. */
  email: string;
  passwordHash: string;
  locale: Locale;
  avatar: string | null;
  /** ISO-8601 UTC. */
  createdAt: string;
}

/** The fields of an account that may change after registration. */
export type UserPatch = Partial<
  Pick<UserRecord, "displayName" | "locale" | "avatar" | "passwordHash">
>;

/** Accounts, unique by username and by e-mail. */
export interface UserRepo {
  /** Stores a new user; fails with `conflict` when the username or e-mail is taken. */
  create(user: UserRecord): Promise<void>;
  /** The user with this id, or null. */
  get(id: string): Promise<UserRecord | null>;
  /** The users with these ids that exist, in no particular order. */
  getMany(ids: string[]): Promise<UserRecord[]>;
  /** The user with this (lower-case) username, or null. */
  getByUsername(username: string): Promise<UserRecord | null>;
  /** The user with this (lower-case) e-mail, or null. */
  getByEmail(email: string): Promise<UserRecord | null>;
  /** Users whose username starts with `prefix`, by username, at most `limit`. */
  searchByUsername(prefix: string, limit: number): Promise<UserRecord[]>;
  /** Applies the patch and returns the new record, or null when absent. */
  update(id: string, patch: UserPatch): Promise<UserRecord | null>;
}
