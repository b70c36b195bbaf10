/** Waiting for the gateway session a mesh voice state is bound to. */
import type { ReadonlySignal } from "@preact/signals";

const WAIT_MS = 10_000;

/** The session id once the gateway is ready (now, or within 10 s); rejects otherwise. */
export function sessionReady(session: ReadonlySignal<string | null>): Promise<string> {
  const now = session.peek();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error("Cannot join voice while disconnected from the server"));
    }, WAIT_MS);
    const stop = session.subscribe((id) => {
      if (!id) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(id);
    });
  });
}
