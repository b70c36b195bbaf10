import { describe, expect, it } from "vitest";
import type { ReadyPayload, VoiceState } from "../../server/wire/types.ts";
import { applyVoiceReady, applyVoiceState, voiceParticipants } from "./voice.ts";

const state = (userId: string, channelId: string, muted = false): VoiceState => ({
  userId,
  guildId: "G",
  channelId,
  muted,
  deafened: false,
});

function ready(voiceStates: VoiceState[]): ReadyPayload {
  return { sessionId: "S", voiceStates } as unknown as ReadyPayload;
}

describe("voice states", () => {
  it("lists the participants of each channel from ready, sorted by user id", () => {
    applyVoiceReady(ready([state("b", "V1"), state("a", "V1"), state("c", "V2")]));
    expect(voiceParticipants("V1").map((s) => s.userId)).toEqual(["a", "b"]);
    expect(voiceParticipants("V2").map((s) => s.userId)).toEqual(["c"]);
    expect(voiceParticipants("V3")).toEqual([]);
  });

  it("moves, mutes and removes participants as VOICE_STATE_UPDATE says", () => {
    applyVoiceReady(ready([state("a", "V1"), state("b", "V1")]));
    applyVoiceState(state("b", "V2", true));
    expect(voiceParticipants("V1").map((s) => s.userId)).toEqual(["a"]);
    expect(voiceParticipants("V2")).toEqual([state("b", "V2", true)]);
    applyVoiceState({ ...state("a", "V1"), channelId: null });
    expect(voiceParticipants("V1")).toEqual([]);
  });

  it("replaces everything on a new ready (states of a lost session are gone)", () => {
    applyVoiceReady(ready([state("a", "V1")]));
    applyVoiceReady(ready([]));
    expect(voiceParticipants("V1")).toEqual([]);
  });
});
