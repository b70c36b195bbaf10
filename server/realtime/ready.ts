/** Loads what `ready` tells a client, from the domain services. */
import type { Channel, Guild, ReadState, Relationship, User } from "../wire/types.ts";
import type { ReadyData } from "./hub.ts";

/** The service methods `ready` reads (a subset of the service graph). */
export interface ReadySources {
  users: { me(userId: string): Promise<User> };
  guilds: { listForUser(userId: string): Promise<Guild[]> };
  relationships: {
    list(userId: string): Promise<Relationship[]>;
    listDms(userId: string): Promise<Channel[]>;
  };
  messages: { readStates(userId: string): Promise<ReadState[]> };
}

/** A `loadReady` for the Hub that reads everything in parallel. */
export function readyLoader(sources: ReadySources): (userId: string) => Promise<ReadyData> {
  return async function loadReady(userId) {
    const [user, guilds, dms, relationships, readStates] = await Promise.all([
      sources.users.me(userId),
      sources.guilds.listForUser(userId),
      sources.relationships.listDms(userId),
      sources.relationships.list(userId),
      sources.messages.readStates(userId),
    ]);
    return { user, guilds, dms, relationships, readStates };
  };
}
