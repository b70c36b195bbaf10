/**
 * Voice: who is in which voice channel (from `ready` and
 * `VOICE_STATE_UPDATE`), the viewer's own call, and the actions to join,
 * leave, mute and deafen. The call itself (WebRTC mesh or LiveKit) lives in
 * `islands/voice/`, loaded with a dynamic `import()` on the first join so
 * none of it weighs on the app shell.
 */
import { computed, signal } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";
import type {
  ReadyPayload,
  VoiceSignalData,
  VoiceState,
  VoiceStateEvent,
} from "../../server/wire/types.ts";

export type { VoiceStateEvent };

/** A relayed mesh signal (`voice_signal` from the gateway). */
export interface VoiceSignal {
  from: string;
  sessionId: string;
  data: VoiceSignalData;
}

/** The viewer's own call. */
export interface VoiceCall {
  channelId: string;
  guildId: string;
  status: "connecting" | "connected" | "reconnecting";
  mode: "mesh" | "livekit" | null;
  muted: boolean;
  deafened: boolean;
}

/** What the lazily loaded controller offers (see `islands/voice/controller.ts`). */
export interface VoiceController {
  join(channelId: string, guildId: string): Promise<void>;
  leave(): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  setDeafened(deafened: boolean): Promise<void>;
  setDevices(choice: { input?: string; output?: string }): Promise<void>;
  signal(signal: VoiceSignal): void;
  stateChanged(state: VoiceStateEvent): void;
  gatewayReady(): void;
  gatewayResumed(): void;
  stats(): Promise<unknown[]>;
}

/** Voice states by user id (a user is in at most one voice channel). */
export const voiceStatesSig = signal<ReadonlyMap<string, VoiceState>>(new Map());
/** The viewer's call, or null when not in voice. */
export const voiceCallSig = signal<VoiceCall | null>(null);
/** User ids whose audio is loud enough to count as speaking right now. */
export const speakingSig = signal<ReadonlySet<string>>(new Set());
/** The current gateway session id (voice states in mesh mode are bound to it). */
export const gatewaySessionSig = signal<string | null>(null);

/** Voice states by user id, for components. */
export const voiceStates: ReadonlySignal<ReadonlyMap<string, VoiceState>> = voiceStatesSig;
/** The viewer's call (null when not in voice). */
export const voiceCall: ReadonlySignal<VoiceCall | null> = voiceCallSig;
/** Who is speaking (user ids). */
export const speaking: ReadonlySignal<ReadonlySet<string>> = speakingSig;

const byChannel = computed(() => {
  const map = new Map<string, VoiceState[]>();
  for (const state of voiceStatesSig.value.values()) {
    const list = map.get(state.channelId) ?? [];
    list.push(state);
    map.set(state.channelId, list);
  }
  for (const list of map.values()) list.sort((a, b) => (a.userId < b.userId ? -1 : 1));
  return map;
});

/** Who is in voice channel `channelId` (tracked: components re-render on change). */
export function voiceParticipants(channelId: string): readonly VoiceState[] {
  return byChannel.value.get(channelId) ?? [];
}

let controller: Promise<VoiceController> | null = null;

/** Loads the call code once (its own chunks: the mesh engine, and LiveKit only when used). */
function loadController(): Promise<VoiceController> {
  controller ??= import("../voice/controller.ts").then((m) => m.createVoiceController())
    .catch((error) => {
      controller = null; // offline or a failed deploy: let the next click try again
      throw error;
    });
  return controller;
}

/** Runs `action` on the controller only if it was ever loaded (nothing to do otherwise). */
function ifLoaded(action: (c: VoiceController) => unknown): void {
  void controller?.then(action).catch(() => {});
}

/** Joins voice channel `channelId` of `guildId` (leaving any other first); rejects with the reason. */
export async function joinVoice(channelId: string, guildId: string): Promise<void> {
  await (await loadController()).join(channelId, guildId);
}

/** Leaves the current call (no-op when not in one). */
export async function leaveVoice(): Promise<void> {
  if (!voiceCallSig.peek() || !controller) return;
  await (await controller).leave();
}

/** Stops or resumes sending the microphone; the state is broadcast to the server. */
export async function setVoiceMuted(muted: boolean): Promise<void> {
  if (controller) await (await controller).setMuted(muted);
}

/** Silences everyone else (and mutes the microphone while deafened). */
export async function setVoiceDeafened(deafened: boolean): Promise<void> {
  if (controller) await (await controller).setDeafened(deafened);
}

/** Switches the microphone (`input`) or the speaker (`output`) by device id ("" = default). */
export async function setVoiceDevices(choice: { input?: string; output?: string }): Promise<void> {
  await (await loadController()).setDevices(choice);
}

/** `ready`: the voice states snapshot; a call in progress rebinds to the new session. */
export function applyVoiceReady(payload: ReadyPayload): void {
  gatewaySessionSig.value = payload.sessionId;
  voiceStatesSig.value = new Map((payload.voiceStates ?? []).map((s) => [s.userId, s]));
  ifLoaded((c) => c.gatewayReady());
}

/** The gateway resumed its session: calls carry on, failed links restart ICE. */
export function voiceResumed(): void {
  ifLoaded((c) => c.gatewayResumed());
}

/** `VOICE_STATE_UPDATE`: someone joined, moved, left, muted or deafened. */
export function applyVoiceState(state: VoiceStateEvent): void {
  const next = new Map(voiceStatesSig.peek());
  if (state.channelId === null) next.delete(state.userId);
  else next.set(state.userId, { ...state, channelId: state.channelId });
  voiceStatesSig.value = next;
  ifLoaded((c) => c.stateChanged(state));
}

/** A `voice_signal` frame for our call. */
export function receiveVoiceSignal(signal: VoiceSignal): void {
  ifLoaded((c) => c.signal(signal));
}

/** Forgets everything (logout): leaves a call in progress. */
export function resetVoice(): void {
  void leaveVoice().catch(() => {});
  voiceStatesSig.value = new Map();
  gatewaySessionSig.value = null;
}

/** Test hook: `window.__voiceDebug` exists only on pages opened with `?voiceDebug`. */
function installDebugHook(): void {
  if (typeof location === "undefined" || !new URLSearchParams(location.search).has("voiceDebug")) {
    return;
  }
  (globalThis as { __voiceDebug?: unknown }).__voiceDebug = {
    /** Set before joining to force e.g. "relay" (TURN only). */
    iceTransportPolicy: undefined as RTCIceTransportPolicy | undefined,
    /** Per-peer transport and RTP counters from the engine's `getStats()`. */
    stats: async () => controller ? await (await controller).stats() : [],
  };
}
installDebugHook();
