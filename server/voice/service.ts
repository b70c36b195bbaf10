/**
 * Voice: joining, leaving, muting, and the voice states the gateway shows.
 * With LiveKit configured a join answers with a room token and LiveKit's
 * webhooks say who is in a room; without it a join enters a small mesh
 * room bound to the caller's gateway session, whose signals the gateway
 * relays (see `realtime/voice_relay.ts`).
 */
import type { WebhookReceiver } from "livekit-server-sdk";
import type { Config, VoiceConfig } from "../config.ts";
import type { DomainDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { VoiceStateRecord } from "../store/port.ts";
import type { VoiceJoinResponse, VoiceState } from "../wire/types.ts";
import { requireSpeak, voiceAccess } from "./access.ts";
import { publishLeft, publishState, toVoiceState } from "./events.ts";
import { iceServersFor } from "./ice.ts";
import { mintRoomToken, webhookReceiver } from "./livekit.ts";
import { handleWebhook, type WebhookOutcome } from "./webhook.ts";

/** What the voice service is built from. */
export interface VoiceDeps extends DomainDeps {
  voice: VoiceConfig;
  livekit: Config["livekit"];
  /** How long a mesh state lives without a refresh by its gateway (3 minutes). */
  stateTtlMs?: number;
}

/** Why a signal may not be relayed, or the gateway session to relay it to. */
export type SignalRoute =
  | { ok: true; gatewaySessionId: string }
  | { ok: false; message: string };

/** A `POST /channels/:id/voice` body. */
export interface JoinInput {
  /** The caller's gateway session (mesh: required). */
  sessionId?: string;
}

/** Voice channels: join, leave, mute/deafen, LiveKit webhooks, and the gateway's questions. */
export class VoiceService {
  readonly mode: "mesh" | "livekit";
  readonly stateTtlMs: number;
  #receiver: WebhookReceiver | null;

  constructor(readonly deps: VoiceDeps) {
    this.mode = deps.livekit ? "livekit" : "mesh";
    this.stateTtlMs = deps.stateTtlMs ?? 3 * 60_000;
    this.#receiver = deps.livekit ? webhookReceiver(deps.livekit) : null;
  }

  /** Joins (or rejoins) a voice channel; joining another one leaves the old one. */
  async join(userId: string, channelId: string, input: JoinInput): Promise<VoiceJoinResponse> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const access = await voiceAccess(store, userId, channelId, now);
    const livekit = this.deps.livekit;
    if (livekit) {
      const user = await store.users.get(userId);
      const token = await mintRoomToken(livekit, {
        room: channelId,
        identity: userId,
        name: user?.displayName ?? userId,
        canPublish: access.canSpeak,
        canSubscribe: true,
      });
      return { mode: "livekit", url: livekit.url, token };
    }
    if (!input.sessionId) {
      throw new AppError(
        "validation_failed",
        "Cannot join a voice channel without a gateway session",
        {
          detail: "sessionId: send the sessionId of your gateway `ready`; the call ends with it",
        },
      );
    }
    const at = new Date(now).toISOString();
    const current = await store.voiceStates.get(userId, at);
    const same = current?.channelId === channelId;
    const state: VoiceStateRecord = {
      userId,
      guildId: access.guildId,
      channelId,
      // Without SPEAK (or while timed out) one joins muted and cannot unmute.
      muted: (same ? current.muted : false) || !access.canSpeak,
      deafened: same ? current.deafened : false,
      mode: "mesh",
      sessionId: this.deps.ids.next(),
      gatewaySessionId: input.sessionId,
      expiresAt: new Date(now + this.stateTtlMs).toISOString(),
    };
    const limit = this.deps.voice.meshLimit;
    const result = await store.voiceStates.join(state, limit, at);
    if (!result.ok) {
      throw new AppError(
        "conflict",
        `Cannot join voice channel as it is full: ${result.count} of ${limit} participants`,
        { detail: `"${access.channel.name}" is a peer-to-peer call for at most ${limit} people` },
      );
    }
    await this.#announceJoin(state, result.previous, result.purged);
    const participants = await store.voiceStates.listByChannel(channelId, at);
    return {
      mode: "mesh",
      iceServers: await iceServersFor(this.deps.voice, userId, now),
      sessionId: state.sessionId,
      participants: participants.map(toVoiceState),
    };
  }

  /** Leaves the voice channel if the user is in it; nothing otherwise. */
  async leave(userId: string, channelId: string): Promise<void> {
    const removed = await this.deps.store.voiceStates.leave(userId, { channelId });
    if (removed) await publishLeft(this.deps.bus, removed);
  }

  /** Sets the user's mute and deafen in the channel they are in. */
  async update(
    userId: string,
    channelId: string,
    patch: { muted?: boolean; deafened?: boolean },
  ): Promise<VoiceState> {
    if (patch.muted === false) {
      await requireSpeak(this.deps.store, userId, channelId, this.deps.clock.now());
    }
    const updated = await this.deps.store.voiceStates.update(userId, { channelId }, patch);
    if (!updated) {
      throw new AppError("not_found", "You are not in this voice channel", {
        detail: `join voice channel ${channelId} before changing mute or deafen there`,
      });
    }
    await publishState(this.deps.bus, updated);
    return toVoiceState(updated);
  }

  /** Acts on a LiveKit webhook (raw body and its `Authorization` header). */
  webhook(body: string, authorization: string | undefined): Promise<WebhookOutcome> {
    if (!this.#receiver) {
      return Promise.reject(
        new AppError("not_found", "LiveKit is not configured", {
          detail: "set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to receive its webhooks",
        }),
      );
    }
    return handleWebhook(
      this.deps,
      this.#receiver,
      body,
      authorization,
      (s, prev, purged) => this.#announceJoin(s, prev, purged),
    );
  }

  /** The voice states in these guilds (the gateway's `ready`). */
  async statesForGuilds(guildIds: string[]): Promise<VoiceState[]> {
    const at = new Date(this.deps.clock.now()).toISOString();
    return (await this.deps.store.voiceStates.listByGuilds(guildIds, at)).map(toVoiceState);
  }

  /**
   * Where a signal from `userId`'s gateway session goes: only from a
   * current mesh voice session to another member of the same room.
   */
  async routeSignal(
    userId: string,
    gatewaySessionId: string,
    voiceSessionId: string,
    to: string,
  ): Promise<SignalRoute> {
    const at = new Date(this.deps.clock.now()).toISOString();
    const [mine, theirs] = await Promise.all([
      this.deps.store.voiceStates.get(userId, at),
      this.deps.store.voiceStates.get(to, at),
    ]);
    if (!mine || mine.mode !== "mesh" || mine.gatewaySessionId !== gatewaySessionId) {
      return { ok: false, message: "Cannot relay a voice signal: you are not in a voice channel" };
    }
    if (mine.sessionId !== voiceSessionId) {
      return {
        ok: false,
        message: `Cannot relay a voice signal: voice session ${voiceSessionId} has ended`,
      };
    }
    if (to === userId || theirs?.channelId !== mine.channelId || !theirs.gatewaySessionId) {
      return {
        ok: false,
        message: `Cannot relay a voice signal: user ${to} is not in your voice channel`,
      };
    }
    return { ok: true, gatewaySessionId: theirs.gatewaySessionId };
  }

  /** Ends the mesh state bound to a gateway session that is gone for good. */
  async endSession(userId: string, gatewaySessionId: string): Promise<void> {
    const removed = await this.deps.store.voiceStates.leave(userId, { gatewaySessionId });
    if (removed) await publishLeft(this.deps.bus, removed);
  }

  /** Keeps the state bound to a live gateway session from lapsing; false when none is. */
  refresh(userId: string, gatewaySessionId: string): Promise<boolean> {
    const expiresAt = new Date(this.deps.clock.now() + this.stateTtlMs).toISOString();
    return this.deps.store.voiceStates.refresh(userId, gatewaySessionId, expiresAt);
  }

  /** Removes the user's state in a guild they left or were removed from. */
  async leaveGuild(userId: string, guildId: string): Promise<void> {
    const removed = await this.deps.store.voiceStates.leave(userId, { guildId });
    if (removed) await publishLeft(this.deps.bus, removed);
  }

  /** Removes every state of a deleted channel. */
  async channelGone(channelId: string): Promise<void> {
    const at = new Date(this.deps.clock.now()).toISOString();
    for (const s of await this.deps.store.voiceStates.listByChannel(channelId, at)) {
      await this.leave(s.userId, channelId);
    }
  }

  async #announceJoin(
    state: VoiceStateRecord,
    previous: VoiceStateRecord | null,
    purged: VoiceStateRecord[],
  ): Promise<void> {
    const bus = this.deps.bus;
    for (const s of purged) await publishLeft(bus, s);
    // Those who see the old channel hear the user left it (some may not see the new one).
    if (previous && previous.channelId !== state.channelId) await publishLeft(bus, previous);
    await publishState(bus, state);
  }
}
