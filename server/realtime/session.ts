/**
 * A gateway session: the numbered stream of dispatches one identify
 * started. It outlives its socket for a grace period, still numbering and
 * keeping events, so a client that lost its connection resumes where it
 * was and misses nothing.
 */
import type { EventName } from "../wire/types.ts";
import { dispatchFrame } from "./frames.ts";

/** The socket side a session writes to while attached. */
export interface SessionSink {
  send(frame: string): void;
}

/**
 * One session and its replay buffer: a ring of the last `capacity`
 * dispatches, kept as the event name and the payload JSON shared by every
 * session the event reached (nothing is copied per session).
 */
export class Session {
  /** The `s` of the newest dispatch. */
  seq = 0;
  /** The socket while attached; null between a drop and a resume. */
  sink: SessionSink | null = null;
  /** When the socket went away (monotonic ms); 0 while attached. */
  detachedAt = 0;
  #types: EventName[] = [];
  #payloads: string[] = [];

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly capacity: number,
  ) {}

  /** Numbers and keeps one dispatch, and sends it when a socket is attached. */
  dispatch(t: EventName, json: string): void {
    const s = ++this.seq;
    const slot = (s - 1) % this.capacity;
    this.#types[slot] = t;
    this.#payloads[slot] = json;
    this.sink?.send(dispatchFrame(t, s, json));
  }

  /** Whether every dispatch after `seq` is still kept. */
  canReplayFrom(seq: number): boolean {
    return seq <= this.seq && seq >= this.seq - this.capacity;
  }

  /** The frames after `seq`, oldest first (check {@link canReplayFrom} first). */
  framesAfter(seq: number): string[] {
    const frames: string[] = [];
    for (let s = seq + 1; s <= this.seq; s++) {
      const slot = (s - 1) % this.capacity;
      frames.push(dispatchFrame(this.#types[slot], s, this.#payloads[slot]));
    }
    return frames;
  }
}
