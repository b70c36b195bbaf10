/**
 * What the call controller needs from a transport (the WebRTC mesh or
 * LiveKit), and the per-peer numbers the test hook reads from `getStats()`.
 */

/** Callbacks an engine reports through. */
export interface EngineHost {
  /** Audio from `userId` arrived (play it and measure it). */
  remoteTrack(userId: string, track: MediaStreamTrack): void;
  /** `userId`'s audio is gone. */
  peerGone(userId: string): void;
  /** The transport as a whole is up, recovering, or lost for good. */
  status(status: "connected" | "reconnecting" | "lost"): void;
}

/** One call transport. */
export interface Engine {
  readonly mode: "mesh" | "livekit";
  /** Sends `track` (null: send nothing — others receive no audio at all). */
  setOutgoing(track: MediaStreamTrack | null): Promise<void>;
  /** Per-peer transport counters. */
  stats(): Promise<PeerStats[]>;
  /** Hangs up. */
  close(): void;
}

/** Transport counters of the link to one peer (or to the SFU for one remote participant). */
export interface PeerStats {
  userId: string;
  connectionState: string;
  /** Audio RTP bytes received from this peer. */
  bytesReceived: number;
  /** Audio RTP bytes sent to this peer. */
  bytesSent: number;
  /** The latest received audio level (0..1), when the browser reports it. */
  audioLevel: number | null;
  /** The selected candidate pair, once ICE succeeded. */
  pair: { state: string; localType: string; remoteType: string } | null;
}

/** Reads the counters of {@link PeerStats} out of an `RTCStatsReport`. */
export function summarize(
  userId: string,
  connectionState: string,
  report: RTCStatsReport,
): PeerStats {
  const stats: PeerStats = {
    userId,
    connectionState,
    bytesReceived: 0,
    bytesSent: 0,
    audioLevel: null,
    pair: null,
  };
  const all = new Map<string, Record<string, unknown>>();
  report.forEach((entry: Record<string, unknown>) => all.set(String(entry.id), entry));
  let selected: string | null = null;
  for (const entry of all.values()) {
    if (entry.type === "inbound-rtp" && entry.kind === "audio") {
      stats.bytesReceived += Number(entry.bytesReceived ?? 0);
      if (typeof entry.audioLevel === "number") stats.audioLevel = entry.audioLevel;
    } else if (entry.type === "outbound-rtp" && entry.kind === "audio") {
      stats.bytesSent += Number(entry.bytesSent ?? 0);
    } else if (entry.type === "transport" && typeof entry.selectedCandidatePairId === "string") {
      selected = entry.selectedCandidatePairId;
    }
  }
  const pair = selected
    ? all.get(selected)
    : [...all.values()].find((e) =>
      e.type === "candidate-pair" && e.nominated === true && e.state === "succeeded"
    );
  if (pair) {
    stats.pair = {
      state: String(pair.state),
      localType: String(all.get(String(pair.localCandidateId))?.candidateType ?? ""),
      remoteType: String(all.get(String(pair.remoteCandidateId))?.candidateType ?? ""),
    };
  }
  return stats;
}
