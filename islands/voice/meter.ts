/**
 * The speaking indicator: an `AnalyserNode` per audio track, sampled a few
 * times a second; a track louder than a threshold counts as speaking, held
 * briefly so the indicator does not flicker between words.
 */

const SAMPLE_MS = 100;
/** RMS of the time-domain signal (full scale 1) above which someone is speaking. */
const THRESHOLD = 0.015;
const HOLD_MS = 400;

interface Watched {
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  lastLoud: number;
}

/** Watches audio tracks by user id and reports who is speaking. */
export class SpeakingMeter {
  #context: AudioContext | null = null;
  #watched = new Map<string, Watched>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #buffer = new Float32Array(512);
  #last = "";

  constructor(private readonly report: (speaking: ReadonlySet<string>) => void) {}

  /** Starts measuring `track` as `userId` (replacing an earlier track of theirs). */
  watch(userId: string, track: MediaStreamTrack): void {
    this.unwatch(userId);
    const context = this.#context ??= new AudioContext();
    void context.resume().catch(() => {});
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = this.#buffer.length;
    source.connect(analyser); // not to the destination: the <audio> element plays it
    this.#watched.set(userId, { source, analyser, lastLoud: 0 });
    this.#timer ??= setInterval(() => this.#sample(), SAMPLE_MS);
  }

  /** Stops measuring `userId`. */
  unwatch(userId: string): void {
    const watched = this.#watched.get(userId);
    if (!watched) return;
    watched.source.disconnect();
    this.#watched.delete(userId);
  }

  /** Stops everything and reports nobody speaking. */
  close(): void {
    for (const userId of [...this.#watched.keys()]) this.unwatch(userId);
    clearInterval(this.#timer);
    this.#timer = undefined;
    void this.#context?.close().catch(() => {});
    this.#context = null;
    this.report(new Set());
  }

  #sample(): void {
    const now = Date.now();
    const speaking = new Set<string>();
    for (const [userId, watched] of this.#watched) {
      watched.analyser.getFloatTimeDomainData(this.#buffer);
      let sum = 0;
      for (const value of this.#buffer) sum += value * value;
      if (Math.sqrt(sum / this.#buffer.length) > THRESHOLD) watched.lastLoud = now;
      if (now - watched.lastLoud < HOLD_MS) speaking.add(userId);
    }
    const key = [...speaking].sort().join(",");
    if (key === this.#last) return;
    this.#last = key;
    this.report(speaking);
  }
}
