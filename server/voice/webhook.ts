/**
 * LiveKit webhooks: verified (signature over the exact body), fresh (at
 * most {@link WEBHOOK_MAX_AGE_SECONDS} old) and new (each event id once),
 * then turned into voice states: `participant_joined` puts the participant
 * in the room's channel, `participant_left` and `room_finished` take them out.
 */
import type { WebhookReceiver } from "livekit-server-sdk";
import type { DomainDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { ID_PATTERN } from "../ids.ts";
import type { VoiceStateRecord } from "../store/port.ts";
import { publishLeft } from "./events.ts";
import { verifyWebhook, WEBHOOK_MAX_AGE_SECONDS } from "./livekit.ts";

/** What a webhook did: its event name, and whether it changed a voice state. */
export interface WebhookOutcome {
  event: string;
  applied: boolean;
}

/** Publishes a join the store accepted (the service's announcement). */
export type AnnounceJoin = (
  state: VoiceStateRecord,
  previous: VoiceStateRecord | null,
  purged: VoiceStateRecord[],
) => Promise<void>;

/** Verifies one webhook and applies it; see the module comment. */
export async function handleWebhook(
  deps: DomainDeps,
  receiver: WebhookReceiver,
  body: string,
  authorization: string | undefined,
  announceJoin: AnnounceJoin,
): Promise<WebhookOutcome> {
  const event = await verifyWebhook(receiver, body, authorization);
  const now = deps.clock.now();
  const age = Math.round(now / 1000 - event.createdAt);
  if (!event.id || !(event.createdAt > 0) || age > WEBHOOK_MAX_AGE_SECONDS) {
    throw new AppError("validation_failed", "Webhook event is too old or unnamed", {
      detail: `event "${event.id}" was created ${age} s ago; ` +
        `only events with an id from the last ${WEBHOOK_MAX_AGE_SECONDS} s are accepted`,
    });
  }
  const keepUntil = new Date(now + 2 * WEBHOOK_MAX_AGE_SECONDS * 1000).toISOString();
  if (!(await deps.store.voiceStates.claimEvent(event.id, keepUntil))) {
    throw new AppError("conflict", "Webhook event was already received", {
      detail: `event ${event.id} was applied before; a replay changes nothing`,
    });
  }
  const { room, identity } = event;
  const outcome = { event: event.event, applied: false };
  if (!room || !ID_PATTERN.test(room)) return outcome;
  if (event.event === "room_finished") {
    const at = new Date(now).toISOString();
    for (const s of await deps.store.voiceStates.listByChannel(room, at)) {
      outcome.applied = await leave(deps, s.userId, room) || outcome.applied;
    }
    return outcome;
  }
  if (!identity || !ID_PATTERN.test(identity)) return outcome;
  if (event.event === "participant_joined") {
    outcome.applied = await joined(deps, room, identity, now, announceJoin);
  } else if (
    event.event === "participant_left" || event.event === "participant_connection_aborted"
  ) {
    outcome.applied = await leave(deps, identity, room);
  }
  return outcome;
}

async function joined(
  deps: DomainDeps,
  channelId: string,
  userId: string,
  now: number,
  announceJoin: AnnounceJoin,
): Promise<boolean> {
  const channel = await deps.store.channels.get(channelId);
  if (!channel || channel.type !== "voice" || !channel.guildId) return false;
  // A token outlives a kick by minutes: only members show up in the guild's voice states.
  if (!(await deps.store.members.get(channel.guildId, userId))) return false;
  const at = new Date(now).toISOString();
  const current = await deps.store.voiceStates.get(userId, at);
  const same = current?.channelId === channelId;
  const state: VoiceStateRecord = {
    userId,
    guildId: channel.guildId,
    channelId,
    muted: same ? current.muted : false,
    deafened: same ? current.deafened : false,
    mode: "livekit",
    sessionId: deps.ids.next(),
    gatewaySessionId: null,
    expiresAt: null,
  };
  const result = await deps.store.voiceStates.join(state, Infinity, at);
  if (!result.ok) return false;
  await announceJoin(state, result.previous, result.purged);
  return true;
}

async function leave(deps: DomainDeps, userId: string, channelId: string): Promise<boolean> {
  const removed = await deps.store.voiceStates.leave(userId, { channelId });
  if (removed) await publishLeft(deps.bus, removed);
  return removed !== null;
}
