/** Profiles: reading and editing one's own, finding others by username. */
import { notFound } from "../errors.ts";
import type { Store } from "../store/port.ts";
import type { Locale, PublicUser, User } from "../wire/types.ts";
import { toPublicUser, toUser } from "./views.ts";

/** What a user may change about their profile. */
export interface ProfilePatch {
  displayName?: string;
  locale?: Locale;
  avatar?: string | null;
}

/** Profile operations over the store. */
export class UsersService {
  constructor(private readonly deps: { store: Store }) {}

  /** The caller's own profile. */
  async me(userId: string): Promise<User> {
    const user = await this.deps.store.users.get(userId);
    if (!user) throw notFound("User", `no account has id ${userId}`);
    return toUser(user);
  }

  /** Applies a profile patch to the caller's account. */
  async updateMe(userId: string, patch: ProfilePatch): Promise<User> {
    const user = await this.deps.store.users.update(userId, patch);
    if (!user) throw notFound("User", `no account has id ${userId}`);
    return toUser(user);
  }

  /** Up to 25 users whose username starts with `query` (case-insensitive). */
  async search(query: string): Promise<PublicUser[]> {
    const users = await this.deps.store.users.searchByUsername(query.toLowerCase(), 25);
    return users.map(toPublicUser);
  }
}
