/**
 * A gateway session: the numbered stream of dispatches one identify
 * started. It outlives its socket for a grace period, still numbering and
 * keeping events, so a client that lost its connection resumes where it
 * was and misses nothing.
 */
import type { OutboundEvent } from "./frames.ts";

/** The socket side a session writes to while attached. */
export interface SessionSink {
  send(frame: string): void;
}

/**
 * One session and its replay buffer: a ring of the last `capacity`
 * dispatches. Each slot references the {@link OutboundEvent} shared by
 * every session the event reached, so keeping an event costs one pointer
 * per session; the ring grows only as events arrive (an idle session holds
 * an empty array).
 */
export class Session {
  /** The `s` of the newest dispatch. */
  seq = 0;
  /** The socket while attached; null between a drop and a resume. */
  sink: SessionSink | null = null;
  /** When the socket went away (monotonic ms); 0 while attached. */
  detachedAt = 0;
  #ring: OutboundEvent[] = [];

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly capacity: number,
  ) {}

  /** Numbers and keeps one dispatch, and sends it when a socket is attached. */
  dispatch(event: OutboundEvent): void {
    const s = ++this.seq;
    this.#ring[(s - 1) % this.capacity] = event;
    if (this.sink !== null) this.sink.send(event.frame(s));
  }

  /** Whether every dispatch after `seq` is still kept. */
  canReplayFrom(seq: number): boolean {
    return seq <= this.seq && seq >= this.seq - this.capacity;
  }

  /** The frames after `seq`, oldest first (check {@link canReplayFrom} first). */
  framesAfter(seq: number): string[] {
    const frames: string[] = [];
    for (let s = seq + 1; s <= this.seq; s++) {
      frames.push(this.#ring[(s - 1) % this.capacity].frame(s));
    }
    return frames;
  }
}
