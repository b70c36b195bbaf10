/**
 * The shape of a mesh voice signal's `data`, checked before it is relayed:
 * peers parse whatever arrives, so only well-formed, bounded offers,
 * answers and candidates get through.
 */
import { z } from "zod";
import type { VoiceSignalData } from "../wire/types.ts";

/** Largest `data` accepted, in characters of its JSON. */
export const MAX_SIGNAL_BYTES = 16 * 1024;
/** Largest SDP accepted (an audio-only SDP is 1–4 KiB). */
export const MAX_SDP_CHARS = 10 * 1024;

const Sdp = z.string().min(1).max(MAX_SDP_CHARS);

const Candidate = z.strictObject({
  candidate: z.string().max(1024),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

const SignalData = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("offer"), sdp: Sdp }),
  z.strictObject({ type: z.literal("answer"), sdp: Sdp }),
  z.strictObject({ type: z.literal("candidate"), candidate: Candidate.nullable() }),
]);

/** The checked data, or why it was refused (a sentence for the sender's error frame). */
export type SignalCheck = { ok: true; data: VoiceSignalData } | { ok: false; reason: string };

/** Checks size and shape of a signal's `data`. */
export function checkSignalData(data: unknown): SignalCheck {
  const size = JSON.stringify(data ?? null).length;
  if (size > MAX_SIGNAL_BYTES) {
    return { ok: false, reason: `data is ${size} bytes, more than ${MAX_SIGNAL_BYTES}` };
  }
  const parsed = SignalData.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ["data", ...(issue?.path ?? [])].join(".");
    return { ok: false, reason: `${where}: ${issue?.message}` };
  }
  return { ok: true, data: parsed.data };
}
