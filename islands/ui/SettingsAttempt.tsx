/**
 * Actions inside a modal dialog report their failure inside it: the app's
 * own alert region sits behind the dialog, out of reach while it is open.
 */
import { type Signal, useSignal } from "@preact/signals";

/** A dialog-local error and a runner that fills it. */
export interface LocalAttempt {
  error: Signal<Error | null>;
  /** Runs `action`; true when it succeeded, else the error is kept in {@link error}. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

/** Tracks the last failure of actions run through `run`. */
export function useLocalAttempt(): LocalAttempt {
  const error = useSignal<Error | null>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      error.value = null;
      return true;
    } catch (e) {
      error.value = e instanceof Error ? e : new Error(String(e));
      return false;
    }
  }
  return { error, run };
}
