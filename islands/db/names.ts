/** Names shared by the cache and code that must not load it (the login and session modules). */

/** The IndexedDB database of the offline cache and the outbox. */
export const DB_NAME = "chat";
/** `localStorage` key of the last logged-in user, for starting offline. */
export const LAST_USER_KEY = "chat.lastUser";
