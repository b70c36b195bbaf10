/**
 * One mesh link: an `RTCPeerConnection` to one other participant, with
 * "perfect negotiation" so either side may (re)negotiate at any time —
 * the polite side (the lower user id) rolls back its own offer on a
 * collision, the impolite side ignores the other's. Signals are handled
 * one at a time, so a candidate never races the description it belongs to.
 */

import type { VoiceSignalData } from "../../server/wire/types.ts";

/** A signal body as relayed by the gateway. */
export type SignalData = VoiceSignalData;

/** What a peer link needs from the mesh. */
export interface PeerOptions {
  userId: string;
  polite: boolean;
  config: RTCConfiguration;
  send(data: SignalData): void;
  /** The track to send right now (null while muted). */
  outgoing(): MediaStreamTrack | null;
  track(track: MediaStreamTrack): void;
  state(state: RTCPeerConnectionState): void;
}

/** A link to one peer. */
export class MeshPeer {
  readonly pc: RTCPeerConnection;
  /** The peer's voice session, once it signalled (a new one means it rejoined). */
  remoteSession: string | null = null;
  #makingOffer = false;
  #ignoreOffer = false;
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PeerOptions) {
    const pc = this.pc = new RTCPeerConnection(options.config);
    pc.onnegotiationneeded = () => void this.#offer();
    pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate) {
        const { candidate: line, sdpMid, sdpMLineIndex, usernameFragment } = candidate.toJSON();
        options.send({
          type: "candidate",
          candidate: { candidate: line ?? "", sdpMid, sdpMLineIndex, usernameFragment },
        });
      }
    };
    pc.ontrack = ({ track }) => options.track(track);
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "failed") pc.restartIce();
      options.state(pc.connectionState);
    };
  }

  /** Starts the call from this side (the joiner calls everyone already there). */
  call(): void {
    const transceiver = this.pc.addTransceiver("audio", { direction: "sendrecv" });
    void transceiver.sender.replaceTrack(this.options.outgoing());
  }

  /** Handles one relayed signal (in arrival order). */
  receive(data: SignalData): Promise<void> {
    this.#queue = this.#queue.then(() => this.#handle(data)).catch(() => {});
    return this.#queue;
  }

  /** Sends `track` (null: stop sending RTP, so the others receive nothing). */
  async setOutgoing(track: MediaStreamTrack | null): Promise<void> {
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== "audio" || transceiver.direction === "stopped") {
        continue;
      }
      if (transceiver.direction === "sendrecv" || transceiver.direction === "sendonly") {
        await transceiver.sender.replaceTrack(track);
      }
    }
  }

  /** Restarts ICE when the link failed (e.g. after a network change). */
  restartIfFailed(): void {
    const state = this.pc.connectionState;
    if (state === "failed" || state === "disconnected") this.pc.restartIce();
  }

  /** Hangs up. */
  close(): void {
    this.pc.onnegotiationneeded = this.pc.onicecandidate = null;
    this.pc.ontrack = this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  async #offer(): Promise<void> {
    try {
      this.#makingOffer = true;
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local) this.options.send({ type: local.type as "offer", sdp: local.sdp });
    } catch {
      // Superseded by a remote offer (rollback): the remote side drives this round.
    } finally {
      this.#makingOffer = false;
    }
  }

  async #handle(data: SignalData): Promise<void> {
    const pc = this.pc;
    if (data.type === "candidate") {
      if (!data.candidate) return; // end of candidates: nothing to add
      try {
        await pc.addIceCandidate(data.candidate);
      } catch (error) {
        if (!this.#ignoreOffer) throw error;
      }
      return;
    }
    const collision = data.type === "offer" &&
      (this.#makingOffer || pc.signalingState !== "stable");
    this.#ignoreOffer = !this.options.polite && collision;
    if (this.#ignoreOffer) return;
    await pc.setRemoteDescription({ type: data.type, sdp: data.sdp });
    if (data.type !== "offer") return;
    this.#sendOnOffered();
    await pc.setLocalDescription();
    const local = pc.localDescription;
    if (local) this.options.send({ type: "answer", sdp: local.sdp });
  }

  /** Answers a call with our audio: the offered audio transceiver becomes send-and-receive. */
  #sendOnOffered(): void {
    const sending = this.pc.getTransceivers().some((t) =>
      t.sender.track || t.direction === "sendrecv"
    );
    if (sending) return;
    const transceiver = this.pc.getTransceivers().find((t) =>
      t.receiver.track.kind === "audio" && t.direction !== "stopped"
    );
    if (!transceiver) return;
    transceiver.direction = "sendrecv";
    void transceiver.sender.replaceTrack(this.options.outgoing());
  }
}
