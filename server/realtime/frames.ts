/**
 * Client frames of the gateway: size limit, JSON and strict schemas. A
 * frame that fails any of them closes the socket with 4001, so the parser
 * answers with a reason short enough for a close frame.
 */
import { z } from "zod";
import { ID_PATTERN } from "../ids.ts";
import type { ClientFrame, EventName } from "../wire/types.ts";

/** Largest client frame accepted, in bytes of UTF-8. */
export const MAX_FRAME_BYTES = 64 * 1024;

const Token = z.string().min(1).max(4096);
const Id = z.string().regex(ID_PATTERN);
const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Every frame a client may send, each with exactly its fields. */
export const ClientFrameSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("identify"), d: z.strictObject({ token: Token }) }),
  z.strictObject({
    op: z.literal("resume"),
    d: z.strictObject({ token: Token, sessionId: Id, seq: Seq }),
  }),
  z.strictObject({ op: z.literal("heartbeat"), d: Seq.nullable() }),
  z.strictObject({
    op: z.literal("presence_update"),
    d: z.strictObject({ status: z.enum(["online", "idle", "dnd", "invisible"]) }),
  }),
  z.strictObject({ op: z.literal("focus"), d: z.strictObject({ focused: z.boolean() }) }),
  z.strictObject({
    op: z.literal("voice_signal"),
    d: z.strictObject({ to: Id, sessionId: Id, data: z.unknown() }),
  }),
]);

/** A parsed frame, or why the bytes were refused. */
export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; reason: string };

/** Checks size, JSON and schema of one client message. */
export function parseClientFrame(data: unknown, maxBytes = MAX_FRAME_BYTES): ParseResult {
  if (typeof data !== "string") return { ok: false, reason: "binary frames are not accepted" };
  // A string has at most 3 UTF-8 bytes per UTF-16 unit: measure only when it could be too big.
  if (data.length > maxBytes || (data.length * 3 > maxBytes && utf8Length(data) > maxBytes)) {
    return { ok: false, reason: `frame is larger than ${maxBytes} bytes` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { ok: false, reason: "frame is not JSON" };
  }
  const parsed = ClientFrameSchema.safeParse(raw);
  if (!parsed.success) {
    const op = typeof raw === "object" && raw !== null && "op" in raw ? String(raw.op) : "";
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "frame";
    return { ok: false, reason: `bad ${op.slice(0, 24) || "frame"}: ${where}: ${issue?.message}` };
  }
  return { ok: true, frame: parsed.data as ClientFrame };
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * One event ready to be framed for any number of sessions: its payload is
 * serialised once, and everything of the frame but the per-session `s` is
 * built once, so a session's frame is one concatenation. Sessions that
 * identified together number their events alike, so the last frame built
 * is kept and handed to the next session at the same `s`: a broadcast to
 * a channel's members mostly sends one string many times.
 */
export class OutboundEvent {
  readonly head: string;
  readonly tail: string;
  #lastSeq = -1;
  #lastFrame = "";

  constructor(readonly t: EventName, json: string) {
    this.head = '{"op":"dispatch","t":"' + t + '","s":';
    this.tail = ',"d":' + json + "}";
  }

  /** The dispatch frame numbered `s`. */
  frame(s: number): string {
    if (s !== this.#lastSeq) {
      this.#lastSeq = s;
      this.#lastFrame = this.head + s + this.tail;
    }
    return this.#lastFrame;
  }
}

/** The dispatch frame of `t` numbered `s` around an already serialised payload. */
export function dispatchFrame(t: EventName, s: number, json: string): string {
  return new OutboundEvent(t, json).frame(s);
}

/** A close reason trimmed to what a close frame may carry (123 bytes). */
export function closeReason(reason: string): string {
  let out = reason.slice(0, 123);
  while (new TextEncoder().encode(out).length > 123) out = out.slice(0, -1);
  return out;
}
