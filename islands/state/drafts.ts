/**
 * Unsent composer text per channel. Kept in memory for instant reads and
 * written to IndexedDB (debounced) so drafts survive reloads.
 */
import { saveDraft } from "../db/cache.ts";
import { draftsSig, withEntry, withoutEntry } from "./store.ts";

const WRITE_DELAY_MS = 300;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

/** The draft of a channel ("" when none). Reactive: reads a signal. */
export function getDraft(channelId: string): string {
  return draftsSig.value.get(channelId) ?? "";
}

/** Replaces a channel's draft ("" clears it); persisted shortly after the last change. */
export function setDraft(channelId: string, text: string): void {
  if ((draftsSig.peek().get(channelId) ?? "") === text) return;
  draftsSig.value = text === ""
    ? withoutEntry(draftsSig.peek(), channelId)
    : withEntry(draftsSig.peek(), channelId, text);
  clearTimeout(timers.get(channelId));
  timers.set(
    channelId,
    setTimeout(() => {
      timers.delete(channelId);
      void saveDraft(channelId, text);
    }, WRITE_DELAY_MS),
  );
}

/** Writes every draft still waiting for its debounce now (before unload). */
export function flushDrafts(): void {
  for (const [channelId, timer] of timers) {
    clearTimeout(timer);
    void saveDraft(channelId, draftsSig.peek().get(channelId) ?? "");
  }
  timers.clear();
}
