/** Loads what `ready` tells a client, from the domain services. */
import type { Channel, Guild, ReadState, Relationship, User, VoiceState } from "../wire/types.ts";
import type { GuildAccessSnapshot } from "./access_snapshot.ts";
import type { ReadyData } from "./hub.ts";

/** The service methods `ready` reads (a subset of the service graph). */
export interface ReadySources {
  users: { me(userId: string): Promise<User> };
  guilds: {
    readyGuilds(userId: string): Promise<{ guilds: Guild[]; access: GuildAccessSnapshot[] }>;
  };
  relationships: {
    list(userId: string): Promise<Relationship[]>;
    listDms(userId: string): Promise<Channel[]>;
  };
  messages: { readStates(userId: string): Promise<ReadState[]> };
  /** Voice states of the user's guilds (none without it). */
  voice?: { statesForGuilds(guildIds: string[]): Promise<VoiceState[]> };
}

/** A `loadReady` for the Hub that reads everything in parallel. */
export function readyLoader(sources: ReadySources): (userId: string) => Promise<ReadyData> {
  return async function loadReady(userId) {
    const [user, { guilds, access, voiceStates }, dms, relationships, readStates] = await Promise
      .all([
        sources.users.me(userId),
        sources.guilds.readyGuilds(userId).then(async ({ guilds, access }) => {
          // Only states in voice channels the user may view (ready lists only those).
          const viewable = new Set(guilds.flatMap((g) => g.channels.map((c) => c.id)));
          const states = await sources.voice?.statesForGuilds(guilds.map((g) => g.id)) ?? [];
          return { guilds, access, voiceStates: states.filter((v) => viewable.has(v.channelId)) };
        }),
        sources.relationships.listDms(userId),
        sources.relationships.list(userId),
        sources.messages.readStates(userId),
      ]);
    return { user, guilds, dms, relationships, readStates, voiceStates, access };
  };
}
