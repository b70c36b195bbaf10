/**
 * `New version available` + `Reload`, shown when a new service worker is
 * installed and waiting. Rendered on every page by `routes/pages/document.tsx`
 * as its own island; it also registers the worker, loading workbox-window
 * only after the page has hydrated so it never weighs on the first render.
 */
import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Locale } from "../../server/wire/types.ts";
import type { ServiceWorkerUpdater } from "../net/sw_register.ts";
import { locale } from "../state/prefs.ts";

const STRINGS: Record<Locale, { available: string; reload: string }> = {
  en: { available: "New version available", reload: "Reload" },
  ru: { available: "Доступна новая версия", reload: "Обновить" },
};

const updater = signal<ServiceWorkerUpdater | null>(null);
const waiting = signal(false);
let started = false;

/** Registers the worker once per page, whichever island mounts first. */
function startServiceWorker(): void {
  if (started) return;
  started = true;
  import("../net/sw_register.ts").then(({ registerServiceWorker }) => {
    updater.value = registerServiceWorker({
      onUpdateWaiting() {
        waiting.value = true;
      },
    });
  }).catch((error) => console.warn("service worker support failed to load", error));
}

/** The update prompt; renders nothing until an update waits. */
export function UpdatePrompt() {
  useEffect(startServiceWorker, []);
  if (!waiting.value || !updater.value) return null;
  const strings = STRINGS[locale.value] ?? STRINGS.en;
  const apply = updater.value.applyUpdate;
  return (
    <div class="update-prompt" role="status" style={PROMPT_STYLE}>
      <span>{strings.available}</span>
      <button type="button" onClick={() => apply()}>{strings.reload}</button>
    </div>
  );
}

/** Placement only (colours come from the page's styles); set through CSSOM, so the CSP allows it. */
const PROMPT_STYLE = {
  position: "fixed",
  insetInlineEnd: "1rem",
  insetBlockEnd: "1rem",
  zIndex: "1000",
  display: "flex",
  gap: "0.75rem",
  alignItems: "center",
  padding: "0.75rem 1rem",
  borderRadius: "0.5rem",
  background: "var(--surface)",
  color: "var(--text)",
  border: "1px solid var(--border)",
  boxShadow: "0 4px 16px rgb(0 0 0 / 0.35)",
} as const;
