/** The gateway's connection status, for the `Offline` status line. */
import { computed } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";
import { connectionSig, sessionExpiredSig } from "./store.ts";
import type { ConnectionStatus } from "./store.ts";

export type { ConnectionStatus };

/**
 * "online" once the gateway is ready or resumed; "connecting" while
 * (re)connecting with the network up; "offline" when the browser reports no
 * network or the gateway keeps failing. Show `Offline` whenever not online.
 */
export const connection: ReadonlySignal<ConnectionStatus> = connectionSig;

/** Whether the app is cut off from the server (the UI shows `Offline`). */
export const isOffline: ReadonlySignal<boolean> = computed(() => connectionSig.value === "offline");

/**
 * The server refused to refresh the session (logged out elsewhere, password
 * reset): the UI should send the user to `/login`. Never set for being offline.
 */
export const sessionExpired: ReadonlySignal<boolean> = sessionExpiredSig;
