/**
 * The microphone and the speaker: capture with echo cancellation, noise
 * suppression and auto gain on (the browser's own processing beats what we
 * could do in script), the user's device choice remembered per browser, and
 * remote audio played through `<audio>` elements (the only way to pick an
 * output device, via `setSinkId`, and what Chromium needs to pull remote
 * WebRTC audio at all).
 */

const INPUT_KEY = "chat.voice.input";
const OUTPUT_KEY = "chat.voice.output";

/** The remembered device ids ("" = the system default). */
export function savedDevices(): { input: string; output: string } {
  return { input: read(INPUT_KEY), output: read(OUTPUT_KEY) };
}

/** Remembers a device choice for the next call. */
export function saveDevices(choice: { input?: string; output?: string }): void {
  if (choice.input !== undefined) write(INPUT_KEY, choice.input);
  if (choice.output !== undefined) write(OUTPUT_KEY, choice.output);
}

/** Opens the microphone (`deviceId` "" = default) with the voice processing on. */
export async function openMicrophone(deviceId: string): Promise<MediaStreamTrack> {
  const audio: MediaTrackConstraints = {
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true,
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
  } catch (error) {
    // A remembered device that is gone: fall back to the default rather than fail the call.
    if (!deviceId || (error as DOMException).name !== "OverconstrainedError") throw error;
    return await openMicrophone("");
  }
  return stream.getAudioTracks()[0];
}

/** Whether this browser can route audio to a chosen output device. */
export function canChooseOutput(): boolean {
  return typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
}

/** Plays each remote participant's audio; deafening mutes them all at once. */
export class RemoteAudio {
  #elements = new Map<string, HTMLAudioElement>();
  #deafened = false;
  #sink = "";

  /** Plays `track` as `userId`'s audio (replacing what played for them before). */
  play(userId: string, track: MediaStreamTrack): void {
    let element = this.#elements.get(userId);
    if (!element) {
      element = new Audio();
      element.autoplay = true;
      this.#elements.set(userId, element);
      if (this.#sink) void applySink(element, this.#sink);
    }
    element.srcObject = new MediaStream([track]);
    element.muted = this.#deafened;
    void element.play().catch(() => {});
  }

  /** Stops `userId`'s audio. */
  drop(userId: string): void {
    const element = this.#elements.get(userId);
    if (!element) return;
    element.srcObject = null;
    this.#elements.delete(userId);
  }

  /** Mutes (or unmutes) every remote participant locally. */
  setDeafened(deafened: boolean): void {
    this.#deafened = deafened;
    for (const element of this.#elements.values()) element.muted = deafened;
  }

  /** Routes all remote audio to output device `sinkId` ("" = default). */
  async setSink(sinkId: string): Promise<void> {
    this.#sink = sinkId;
    await Promise.all([...this.#elements.values()].map((e) => applySink(e, sinkId)));
  }

  /** Stops everything. */
  close(): void {
    for (const userId of [...this.#elements.keys()]) this.drop(userId);
  }
}

async function applySink(element: HTMLAudioElement, sinkId: string): Promise<void> {
  const target = element as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
  await target.setSinkId?.(sinkId).catch(() => {});
}

function read(key: string): string {
  try {
    return localStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}

function write(key: string, value: string): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // Storage disabled: the choice lasts for this call only.
  }
}
