/** Checks on message input the schemas cannot phrase as the API promises. */
import { AppError } from "../errors.ts";

/** Longest content, after trimming. */
export const MAX_CONTENT_LENGTH = 4000;
/** Different emoji one message may carry. */
export const MAX_REACTION_EMOJI = 20;
/** Pins one channel may hold. */
export const MAX_PINS = 50;

/** The trimmed content, or `validation_failed` when empty or too long. */
export function checkContent(content: string): string {
  const text = content.trim();
  if (text.length > MAX_CONTENT_LENGTH) {
    throw new AppError("validation_failed", "Message is too long", {
      detail: `content must be at most ${MAX_CONTENT_LENGTH} characters: got ${text.length}`,
      errors: [{ path: "content", message: `must be at most ${MAX_CONTENT_LENGTH} characters` }],
    });
  }
  if (text.length === 0) {
    throw new AppError("validation_failed", "Message is empty", {
      detail: "content must hold at least 1 character after trimming: got 0",
      errors: [{ path: "content", message: "must not be empty" }],
    });
  }
  return text;
}

/** Refuses attachments until uploads exist, so no client believes it sent a file. */
export function checkAttachments(attachmentIds: string[] | undefined): void {
  if (attachmentIds && attachmentIds.length > 0) {
    throw new AppError("validation_failed", "Attachments are not available yet", {
      detail: `uploads are not available yet: got ${attachmentIds.length} attachment id(s); ` +
        "send attachmentIds: [] or leave it out",
      errors: [{ path: "attachmentIds", message: "must be empty" }],
    });
  }
}

const EMOJI_PART = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Component})+$/u;
const EMOJI_CORE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u; // \u20e3: keycaps

/**
 * Whether `emoji` is a Unicode emoji (sequence): 1–32 UTF-16 units, only
 * emoji code points (with joiners, variation selectors, skin tones and
 * keycaps), at least one of them pictographic or a regional indicator.
 */
export function isEmoji(emoji: string): boolean {
  return emoji.length >= 1 && emoji.length <= 32 && EMOJI_PART.test(emoji) &&
    EMOJI_CORE.test(emoji);
}

/** `validation_failed` unless {@link isEmoji}. */
export function checkEmoji(emoji: string): void {
  if (!isEmoji(emoji)) {
    throw new AppError("validation_failed", "Emoji is not valid", {
      detail: `a reaction must be a Unicode emoji of 1–32 characters: got "${emoji.slice(0, 40)}"`,
      errors: [{ path: "emoji", message: "must be a Unicode emoji" }],
    });
  }
}
