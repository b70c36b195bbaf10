/**
 * The peer-to-peer mesh: one {@link MeshPeer} per other participant,
 * signalled over the gateway (`voice_signal`). The joiner calls everyone
 * already in the channel; the others answer when the first signal of a new
 * voice session arrives. A participant who leaves (voice state gone) or
 * rejoins (a new voice session) gets a fresh link.
 */
import type { VoiceCandidate, VoiceState } from "../../server/wire/types.ts";
import type { VoiceSignal } from "../state/voice.ts";
import { type Engine, type EngineHost, type PeerStats, summarize } from "./engine.ts";
import { MeshPeer, type SignalData } from "./peer.ts";

/** What a mesh call starts from: the join response, and how to reach the gateway. */
export interface MeshOptions {
  selfId: string;
  /** Our voice session (sent with every signal so peers can tell a rejoin). */
  sessionId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  participants: readonly VoiceState[];
  send(to: string, sessionId: string, data: SignalData): void;
  outgoing(): MediaStreamTrack | null;
}

/** A mesh call. */
export class MeshEngine implements Engine {
  readonly mode = "mesh";
  #peers = new Map<string, MeshPeer>();

  constructor(private readonly options: MeshOptions, private readonly host: EngineHost) {
    for (const state of options.participants) {
      if (state.userId !== options.selfId) this.#peer(state.userId).call();
    }
    host.status("connected");
  }

  /** A relayed signal from `from`. */
  signal({ from, sessionId, data }: VoiceSignal): void {
    const body = parseSignal(data);
    if (!body || from === this.options.selfId) return;
    let peer = this.#peers.get(from);
    if (peer?.remoteSession && peer.remoteSession !== sessionId) {
      if (body.type !== "offer") return; // a leftover of the peer's previous session
      this.#drop(from); // the peer rejoined: start over
      peer = undefined;
    }
    peer ??= this.#peer(from);
    peer.remoteSession ??= sessionId;
    void peer.receive(body);
  }

  /** Someone's voice state changed: drop the link of whoever left our channel. */
  left(userId: string): void {
    this.#drop(userId);
  }

  /** The gateway came back: links that failed meanwhile restart ICE. */
  restartFailed(): void {
    for (const peer of this.#peers.values()) peer.restartIfFailed();
  }

  async setOutgoing(track: MediaStreamTrack | null): Promise<void> {
    await Promise.all([...this.#peers.values()].map((p) => p.setOutgoing(track)));
  }

  async stats(): Promise<PeerStats[]> {
    return await Promise.all(
      [...this.#peers].map(async ([userId, peer]) =>
        summarize(userId, peer.pc.connectionState, await peer.pc.getStats())
      ),
    );
  }

  close(): void {
    for (const userId of [...this.#peers.keys()]) this.#drop(userId);
  }

  #peer(userId: string): MeshPeer {
    const { options, host } = this;
    const peer = new MeshPeer({
      userId,
      polite: options.selfId < userId,
      config: {
        iceServers: options.iceServers,
        ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
      },
      send: (data) => options.send(userId, options.sessionId, data),
      outgoing: options.outgoing,
      track: (track) => host.remoteTrack(userId, track),
      state: () => {},
    });
    this.#peers.set(userId, peer);
    return peer;
  }

  #drop(userId: string): void {
    const peer = this.#peers.get(userId);
    if (!peer) return;
    this.#peers.delete(userId);
    peer.close();
    this.host.peerGone(userId);
  }
}

/** A relayed signal body, or null when it is not one we understand. */
function parseSignal(data: unknown): SignalData | null {
  if (typeof data !== "object" || data === null) return null;
  const body = data as Record<string, unknown>;
  if ((body.type === "offer" || body.type === "answer") && typeof body.sdp === "string") {
    return { type: body.type, sdp: body.sdp };
  }
  if (body.type === "candidate" && typeof body.candidate === "object") {
    return { type: "candidate", candidate: body.candidate as VoiceCandidate | null };
  }
  return null;
}
