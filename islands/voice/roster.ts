/**
 * The viewer's own entry in the voice states, shown as soon as the join or
 * leave went through rather than when the gateway's event (or, with
 * LiveKit, the webhook behind it) arrives.
 */
import type { VoiceJoinResponse } from "../../server/wire/types.ts";
import { type VoiceCall, voiceStatesSig } from "../state/voice.ts";

/** Adds the join answer's participants (mesh) and the viewer to the voice states. */
export function showJoined(answer: VoiceJoinResponse, call: VoiceCall | null, self: string): void {
  if (!call || !self) return;
  const next = new Map(voiceStatesSig.peek());
  if (answer.mode === "mesh") {
    for (const state of answer.participants) next.set(state.userId, state);
  }
  if (next.get(self)?.channelId !== call.channelId) {
    const { channelId, guildId, muted, deafened } = call;
    next.set(self, { userId: self, guildId, channelId, muted, deafened });
  }
  voiceStatesSig.value = next;
}

/** Removes the viewer from `channelId`'s participants after leaving it. */
export function forgetSelf(channelId: string, self: string | undefined): void {
  if (!self || voiceStatesSig.peek().get(self)?.channelId !== channelId) return;
  const next = new Map(voiceStatesSig.peek());
  next.delete(self);
  voiceStatesSig.value = next;
}
