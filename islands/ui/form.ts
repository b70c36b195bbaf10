/** Form plumbing shared by the islands' forms. */
import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";

/** The state of a form whose submit runs an async action. */
export interface FormAction {
  /** False until hydrated: the server-rendered submit button stays disabled until then. */
  ready: Signal<boolean>;
  pending: Signal<boolean>;
  /** The last failure, shown in the form's alert. */
  error: Signal<Error | null>;
  onSubmit: (event: SubmitEvent) => void;
}

/** Runs `action` with the form's data on submit, tracking pending state and the error. */
export function useFormAction(action: (data: FormData) => Promise<void>): FormAction {
  const ready = useSignal(false);
  const pending = useSignal(false);
  const error = useSignal<Error | null>(null);
  useEffect(function markHydrated() {
    ready.value = true;
  }, []);

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (pending.value) return;
    pending.value = true;
    error.value = null;
    try {
      await action(new FormData(event.currentTarget as HTMLFormElement));
    } catch (e) {
      error.value = e instanceof Error ? e : new Error(String(e));
    } finally {
      pending.value = false;
    }
  }
  return { ready, pending, error, onSubmit };
}

/** A form field's text ("" when absent), trimmed unless it is a password. */
export function field(data: FormData, name: string, trim = true): string {
  const value = data.get(name);
  if (typeof value !== "string") return "";
  return trim ? value.trim() : value;
}
