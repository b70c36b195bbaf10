/**
 * The LiveKit transport: one connection to the SFU with the room token the
 * server minted. `livekit-client` is imported here only, and this module is
 * itself imported on demand, so the library is a chunk of its own that
 * loads the first time someone joins a LiveKit call.
 */
import type { Room, Track } from "livekit-client";
import { type Engine, type EngineHost, type PeerStats, summarize } from "./engine.ts";

/** What a LiveKit call starts from. */
export interface LiveKitOptions {
  url: string;
  token: string;
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** The microphone track to publish (null while muted). */
  track: MediaStreamTrack | null;
}

/** Connects to the room and publishes the microphone. */
export async function startLiveKit(options: LiveKitOptions, host: EngineHost): Promise<Engine> {
  const lk = await import("livekit-client");
  const room = new lk.Room({ adaptiveStream: false, dynacast: false });
  room.on(lk.RoomEvent.TrackSubscribed, (track, _pub, participant) => {
    if (track.kind === "audio") host.remoteTrack(participant.identity, track.mediaStreamTrack);
  });
  room.on(lk.RoomEvent.TrackUnsubscribed, (_track, _pub, participant) => {
    host.peerGone(participant.identity);
  });
  room.on(lk.RoomEvent.ParticipantDisconnected, (participant) => {
    host.peerGone(participant.identity);
  });
  room.on(lk.RoomEvent.Reconnecting, () => host.status("reconnecting"));
  room.on(lk.RoomEvent.Reconnected, () => host.status("connected"));
  room.on(lk.RoomEvent.Disconnected, () => host.status("lost"));
  const rtcConfig = options.iceTransportPolicy
    ? { iceTransportPolicy: options.iceTransportPolicy }
    : undefined;
  await room.connect(options.url, options.token, { autoSubscribe: true, rtcConfig });
  const engine = new LiveKitEngine(room, lk.Track.Source.Microphone);
  await engine.setOutgoing(options.track);
  host.status("connected");
  return engine;
}

class LiveKitEngine implements Engine {
  readonly mode = "livekit";
  #published: MediaStreamTrack | null = null;
  #closed = false;

  constructor(private readonly room: Room, private readonly source: Track.Source) {}

  /** Publishes `track`; null unpublishes it, so the SFU forwards nothing of ours. */
  async setOutgoing(track: MediaStreamTrack | null): Promise<void> {
    const local = this.room.localParticipant;
    if (this.#published && this.#published !== track) {
      await local.unpublishTrack(this.#published, false);
      this.#published = null;
    }
    if (track && !this.#published && !this.#closed) {
      await local.publishTrack(track, { source: this.source });
      this.#published = track;
    }
  }

  async stats(): Promise<PeerStats[]> {
    const out: PeerStats[] = [];
    for (const participant of this.room.remoteParticipants.values()) {
      for (const publication of participant.audioTrackPublications.values()) {
        const receiver = publication.track?.receiver;
        if (!receiver) continue;
        out.push(summarize(participant.identity, this.room.state, await receiver.getStats()));
      }
    }
    return out;
  }

  close(): void {
    this.#closed = true;
    void this.room.disconnect();
  }
}
