/**
 * The call controller, loaded on the first join: opens the microphone,
 * joins through the REST API, runs the transport the server chose (the
 * WebRTC mesh, or LiveKit in a chunk of its own), plays and measures remote
 * audio, and applies mute, deafen and device choices. A new gateway session
 * (after a network blip) rebinds the call; closing the tab leaves it.
 */
import { sendVoiceSignal } from "../state/live.ts";
import { meSig } from "../state/store.ts";
import {
  gatewaySessionSig,
  speakingSig,
  type VoiceCall,
  voiceCallSig,
  type VoiceController,
  type VoiceSignal,
  type VoiceStateEvent,
} from "../state/voice.ts";
import { deleteVoice, type JoinAnswer, leaveOnUnload, patchVoice, postJoin } from "./api.ts";
import type { Engine, EngineHost } from "./engine.ts";
import { openMicrophone, RemoteAudio, savedDevices, saveDevices } from "./media.ts";
import { MeshEngine } from "./mesh.ts";
import { SpeakingMeter } from "./meter.ts";
import { forgetSelf, showJoined } from "./roster.ts";
import { sessionReady } from "./session.ts";

/** Creates the page's one voice controller. */
export function createVoiceController(): VoiceController {
  return new Controller();
}

class Controller implements VoiceController {
  #engine: Engine | null = null;
  #mic: MediaStreamTrack | null = null;
  #audio = new RemoteAudio();
  #meter = new SpeakingMeter((set) => (speakingSig.value = set));
  #muted = false;
  #deafened = false;
  /** Bumped by every join, rejoin and leave: a late answer of an older attempt is dropped. */
  #attempt = 0;
  /** Signals that arrived while joining, replayed once the mesh is up. */
  #early: VoiceSignal[] = [];
  #onPageHide = () => this.#leaveNow();

  async join(channelId: string, guildId: string): Promise<void> {
    const current = voiceCallSig.peek();
    if (current?.channelId === channelId) return;
    if (current) this.#teardown(); // the server moves us: no separate leave needed
    const attempt = ++this.#attempt;
    this.#update({
      channelId,
      guildId,
      status: "connecting",
      mode: null,
      muted: false,
      deafened: false,
    });
    try {
      this.#mic = await openMicrophone(savedDevices().input);
      this.#mic.enabled = !this.#silenced();
      const answer = await postJoin(channelId, await sessionReady(gatewaySessionSig));
      if (attempt !== this.#attempt) return;
      await this.#connect(answer, attempt);
      addEventListener("pagehide", this.#onPageHide);
      if (this.#silenced()) void this.#broadcast();
    } catch (error) {
      if (attempt === this.#attempt) {
        this.#teardown();
        voiceCallSig.value = null;
      }
      throw error;
    }
  }

  async leave(): Promise<void> {
    const call = voiceCallSig.peek();
    this.#teardown();
    voiceCallSig.value = null;
    if (call) forgetSelf(call.channelId, meSig.peek()?.id);
    if (call) await deleteVoice(call.channelId).catch(() => {});
  }

  async setMuted(muted: boolean): Promise<void> {
    this.#muted = muted;
    if (!muted) this.#deafened = false; // speaking again means hearing again
    await this.#apply();
  }

  async setDeafened(deafened: boolean): Promise<void> {
    this.#deafened = deafened;
    await this.#apply();
  }

  async setDevices(choice: { input?: string; output?: string }): Promise<void> {
    saveDevices(choice);
    if (choice.output !== undefined) await this.#audio.setSink(choice.output);
    if (choice.input === undefined || !this.#mic) return;
    const next = await openMicrophone(choice.input);
    this.#mic.stop();
    this.#mic = next;
    next.enabled = !this.#silenced();
    const self = meSig.peek()?.id;
    if (self) this.#meter.watch(self, next);
    await this.#engine?.setOutgoing(this.#outgoing());
  }

  signal(signal: VoiceSignal): void {
    if (this.#engine instanceof MeshEngine) this.#engine.signal(signal);
    else if (voiceCallSig.peek() && !this.#engine) this.#early.push(signal);
  }

  stateChanged(state: VoiceStateEvent): void {
    const call = voiceCallSig.peek();
    if (!call || call.status === "connecting") return;
    if (state.userId === meSig.peek()?.id) {
      // Left or moved from elsewhere (another tab, a timeout): this page's call is over.
      if (state.channelId !== call.channelId) {
        this.#teardown();
        voiceCallSig.value = null;
      }
      return;
    }
    if (state.channelId !== call.channelId && this.#engine instanceof MeshEngine) {
      this.#engine.left(state.userId);
    }
  }

  gatewayReady(): void {
    // A new gateway session: the mesh voice state was bound to the old one, so join again.
    const call = voiceCallSig.peek();
    if (call && call.mode !== "livekit") void this.#rejoin(call);
  }

  gatewayResumed(): void {
    if (this.#engine instanceof MeshEngine) this.#engine.restartFailed();
  }

  async stats(): Promise<unknown[]> {
    return this.#engine ? await this.#engine.stats() : [];
  }

  async #rejoin(call: VoiceCall): Promise<void> {
    const attempt = ++this.#attempt;
    this.#engine?.close();
    this.#engine = null;
    this.#audio.close();
    this.#meter.close();
    this.#update({ ...call, status: "reconnecting" });
    try {
      const answer = await postJoin(call.channelId, gatewaySessionSig.peek());
      if (attempt !== this.#attempt) return;
      await this.#connect(answer, attempt);
      if (this.#silenced()) void this.#broadcast();
    } catch {
      if (attempt === this.#attempt) this.#update({ ...call, status: "reconnecting" });
    }
  }

  async #connect(answer: JoinAnswer, attempt: number): Promise<void> {
    const self = meSig.peek()?.id ?? "";
    const policy = (globalThis as { __voiceDebug?: { iceTransportPolicy?: RTCIceTransportPolicy } })
      .__voiceDebug?.iceTransportPolicy;
    const host = this.#host(attempt);
    if (answer.mode === "mesh") {
      this.#engine = new MeshEngine({
        selfId: self,
        sessionId: answer.sessionId,
        iceServers: answer.iceServers,
        iceTransportPolicy: policy,
        participants: answer.participants,
        send: (to, sessionId, data) => sendVoiceSignal(to, sessionId, data),
        outgoing: () => this.#outgoing(),
      }, host);
    } else {
      const { startLiveKit } = await import("./livekit.ts");
      const engine = await startLiveKit(
        {
          url: answer.url,
          token: answer.token,
          iceTransportPolicy: policy,
          track: this.#outgoing(),
        },
        host,
      );
      if (attempt !== this.#attempt) return engine.close();
      this.#engine = engine;
    }
    this.#update({ ...voiceCallSig.peek()!, mode: answer.mode });
    showJoined(answer, voiceCallSig.peek(), self);
    if (this.#mic) this.#meter.watch(self, this.#mic);
    const early = this.#early.splice(0);
    for (const signal of early) this.signal(signal);
  }

  #host(attempt: number): EngineHost {
    const live = () => attempt === this.#attempt;
    return {
      remoteTrack: (userId, track) => {
        if (!live()) return;
        this.#audio.play(userId, track);
        this.#meter.watch(userId, track);
      },
      peerGone: (userId) => {
        if (!live()) return;
        this.#audio.drop(userId);
        this.#meter.unwatch(userId);
      },
      status: (status) => {
        const call = voiceCallSig.peek();
        if (!live() || !call) return;
        if (status === "lost") return void this.#rejoin(call);
        this.#update({ ...call, status: status === "connected" ? "connected" : "reconnecting" });
      },
    };
  }

  async #apply(): Promise<void> {
    const silenced = this.#silenced();
    if (this.#mic) this.#mic.enabled = !silenced;
    this.#audio.setDeafened(this.#deafened);
    const call = voiceCallSig.peek();
    if (call) this.#update({ ...call });
    await this.#engine?.setOutgoing(this.#outgoing());
    if (call) await this.#broadcast();
  }

  async #broadcast(): Promise<void> {
    const call = voiceCallSig.peek();
    if (!call) return;
    await patchVoice(call.channelId, { muted: this.#silenced(), deafened: this.#deafened });
  }

  #silenced(): boolean {
    return this.#muted || this.#deafened;
  }

  #outgoing(): MediaStreamTrack | null {
    return this.#silenced() ? null : this.#mic;
  }

  #update(call: VoiceCall): void {
    voiceCallSig.value = { ...call, muted: this.#silenced(), deafened: this.#deafened };
  }

  #leaveNow(): void {
    const call = voiceCallSig.peek();
    if (call) leaveOnUnload(call.channelId);
    this.#teardown();
    voiceCallSig.value = null;
  }

  #teardown(): void {
    this.#attempt++;
    removeEventListener("pagehide", this.#onPageHide);
    this.#engine?.close();
    this.#engine = null;
    this.#early = [];
    this.#audio.close();
    this.#meter.close();
    this.#mic?.stop();
    this.#mic = null;
  }
}
