/** Turns stored users into what the wire may show. */
import type { UserRecord } from "../store/port.ts";
import type { PublicUser, User } from "../wire/types.ts";

/** The user as they see themself. */
export function toUser(u: UserRecord): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    locale: u.locale,
    avatar: u.avatar,
    createdAt: u.createdAt,
  };
}

/** The user as others see them: no e-mail, no hash. */
export function toPublicUser(u: UserRecord): PublicUser {
  return { id: u.id, username: u.username, displayName: u.displayName, avatar: u.avatar };
}
