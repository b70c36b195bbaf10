/**
 * State that only the interface cares about (which drawer or panel is
 * open, which message is being edited or replied to, the last error to
 * show). The chat data itself lives in `islands/state/`.
 */
import { signal } from "@preact/signals";
import type { ChatMessage } from "../state/chat.ts";

/** Which drawer is open on narrow screens. */
export const drawer = signal<"none" | "nav" | "members">("none");

/** The side panel of the message pane. */
export const panel = signal<"none" | "pins" | "search">("none");

/** Whether the member list is collapsed on wide screens. */
export const membersHidden = signal(false);

/** The message being edited, by id. */
export const editingId = signal<string | null>(null);

/** The message the composer replies to, per channel. */
export const replyTo = signal<ChatMessage | null>(null);

/** Bumped to ask the open message list to scroll to its newest message. */
export const scrollToEndRequest = signal(0);

/** The last failed action, shown in the app's alert region. */
export const notice = signal<Error | null>(null);

/** Runs an action, reporting a failure in {@link notice} instead of throwing. */
export async function attempt(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    notice.value = null;
    return true;
  } catch (error) {
    notice.value = error instanceof Error ? error : new Error(String(error));
    return false;
  }
}
