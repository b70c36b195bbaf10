/** Profiles: reading and editing one's own, finding others by username. */
import { notFound } from "../errors.ts";
import type { Bus } from "../realtime/bus.ts";
import type { Store, UserRecord } from "../store/port.ts";
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
  constructor(private readonly deps: { store: Store; bus: Bus }) {}

  /** The caller's own profile. */
  async me(userId: string): Promise<User> {
    const user = await this.deps.store.users.get(userId);
    if (!user) throw notFound("User", `no account has id ${userId}`);
    return toUser(user);
  }

  /**
   * Applies a profile patch to the caller's account and announces it:
   * USER_UPDATE with the whole profile to the caller's other devices, and
   * with what others see of it to their friends and the members of their
   * guilds when that changed.
   */
  async updateMe(userId: string, patch: ProfilePatch): Promise<User> {
    const { store, bus } = this.deps;
    const before = await store.users.get(userId);
    const user = before && await store.users.update(userId, patch);
    if (!user) throw notFound("User", `no account has id ${userId}`);
    const me = toUser(user);
    await bus.publish({ t: "USER_UPDATE", d: me, to: { userIds: [userId] } });
    if (samePublicFace(before, user)) return me;
    const [relationships, guildIds] = await Promise.all([
      store.relationships.list(userId),
      store.members.listGuildIdsOfUser(userId),
    ]);
    const d = toPublicUser(user);
    const friendIds = relationships.filter((r) => r.type === "friend").map((r) => r.otherId);
    // Independent announcements: one round trip on a MongoDB bus, not one per guild.
    await Promise.all([
      ...(friendIds.length > 0
        ? [bus.publish({ t: "USER_UPDATE", d, to: { userIds: friendIds } })]
        : []),
      ...guildIds.map((guildId) => bus.publish({ t: "USER_UPDATE", d, to: { guildId } })),
    ]);
    return me;
  }

  /** Up to 25 users whose username starts with `query` (case-insensitive). */
  async search(query: string): Promise<PublicUser[]> {
    const users = await this.deps.store.users.searchByUsername(query.toLowerCase(), 25);
    return users.map(toPublicUser);
  }
}

function samePublicFace(a: UserRecord, b: UserRecord): boolean {
  const x = toPublicUser(a), y = toPublicUser(b);
  return x.username === y.username && x.displayName === y.displayName && x.avatar === y.avatar;
}
