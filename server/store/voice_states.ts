/**
 * Who is in which voice channel, shared by every instance: one record per
 * user (a user is in at most one voice channel), findable by guild and by
 * channel. Mesh states are bound to a gateway session and expire unless
 * that session's instance refreshes them, so a crashed instance cannot keep
 * ghosts in a room; LiveKit states live until LiveKit says the user left.
 */

/** A user's presence in a voice channel. */
export interface VoiceStateRecord {
  userId: string;
  guildId: string;
  channelId: string;
  muted: boolean;
  deafened: boolean;
  /** How the call runs: a P2P mesh relayed by the gateway, or a LiveKit room. */
  mode: "mesh" | "livekit";
  /** A new id per join: signals name it, so a stale peer is told apart from a rejoined one. */
  sessionId: string;
  /** The gateway session the mesh state belongs to; null for LiveKit. */
  gatewaySessionId: string | null;
  /** When the state lapses unless refreshed (ISO-8601); null: never. */
  expiresAt: string | null;
}

/** What joining did: the state it replaced and the lapsed states it cleared from the channel. */
export type VoiceJoinResult =
  | { ok: true; previous: VoiceStateRecord | null; purged: VoiceStateRecord[] }
  /** The channel already holds `count` live states, at or over the limit. */
  | { ok: false; count: number };

/** Which state a conditional removal may remove. */
export interface VoiceStateMatch {
  guildId?: string;
  channelId?: string;
  gatewaySessionId?: string;
}

/** Voice states. Reads take `now` (ISO-8601) and never return lapsed states. */
export interface VoiceStateRepo {
  /** The user's live state, or null. */
  get(userId: string, now: string): Promise<VoiceStateRecord | null>;
  /** The live states of one channel. */
  listByChannel(channelId: string, now: string): Promise<VoiceStateRecord[]>;
  /** The live states of these guilds. */
  listByGuilds(guildIds: string[], now: string): Promise<VoiceStateRecord[]>;
  /**
   * Puts the user in `state.channelId`, replacing their state anywhere
   * else, unless the channel already holds `limit` live states of other
   * users. Lapsed states of the channel are removed on the way, atomically
   * with the check, so concurrent joiners never exceed the limit.
   */
  join(state: VoiceStateRecord, limit: number, now: string): Promise<VoiceJoinResult>;
  /** Sets mute and deafen of the user's state when it matches; the new state, or null. */
  update(
    userId: string,
    match: VoiceStateMatch,
    patch: { muted?: boolean; deafened?: boolean },
  ): Promise<VoiceStateRecord | null>;
  /** Removes the user's state when it matches; the removed state, or null. */
  leave(userId: string, match: VoiceStateMatch): Promise<VoiceStateRecord | null>;
  /** Extends a state still bound to this gateway session; false when it is not. */
  refresh(userId: string, gatewaySessionId: string, expiresAt: string): Promise<boolean>;
  /**
   * Records a webhook event id until `expiresAt`; false when it was
   * already recorded (a replay).
   */
  claimEvent(id: string, expiresAt: string): Promise<boolean>;
}
