/**
 * The few service-worker globals the worker uses, typed here because the
 * project compiles against the `dom` library (which lacks them) and the
 * `webworker` library cannot be mixed into the same program.
 */

/** An event whose handling may extend the worker's lifetime. */
export interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

/** Background Sync's `sync` event. */
export interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  /** True on the browser's final retry: later failures are not retried. */
  readonly lastChance: boolean;
}

/** A `message` posted to the worker by a page. */
export interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}

/** A page or worker the service worker can see. */
export interface WindowClientLike {
  readonly url: string;
  readonly visibilityState?: DocumentVisibilityState;
  postMessage(message: unknown): void;
}

/** `self` inside the service worker. */
export interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: {
    matchAll(options?: { type?: "window" | "all"; includeUncontrolled?: boolean }): Promise<
      readonly WindowClientLike[]
    >;
    claim(): Promise<void>;
  };
  readonly location: Location;
  skipWaiting(): Promise<void>;
  addEventListener(type: "sync", listener: (event: SyncEvent) => void): void;
  addEventListener(type: "message", listener: (event: ExtendableMessageEvent) => void): void;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: string, listener: (event: ExtendableEvent) => void): void;
}

/** The running worker's global scope. */
export function serviceWorkerScope(): ServiceWorkerScope {
  return globalThis as unknown as ServiceWorkerScope;
}
