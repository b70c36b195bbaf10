/**
 * Display preferences kept in `localStorage` (per device): the theme and the
 * language. The UI applies them (a `data-theme` attribute, its string
 * tables); this module only chooses and remembers.
 */
import { computed, signal } from "@preact/signals";
import type { ReadonlySignal } from "@preact/signals";
import type { Locale } from "../../server/wire/types.ts";

/** The theme the user chose; "system" follows `prefers-color-scheme`. */
export type ThemePref = "system" | "dark" | "light";

const THEME_KEY = "chat.theme";
const LOCALE_KEY = "chat.locale";

const themeSig = signal<ThemePref>(readTheme());
const localeChoiceSig = signal<Locale | null>(readLocale());
const browserLocaleSig = signal<Locale>(browserLocale());
const systemDarkSig = signal<boolean>(prefersDark());

/** The chosen theme ("system" until the user picks one). */
export const theme: ReadonlySignal<ThemePref> = themeSig;

/** The theme to render: the choice, or the system's when "system". */
export const effectiveTheme: ReadonlySignal<"dark" | "light"> = computed(() =>
  themeSig.value === "system" ? (systemDarkSig.value ? "dark" : "light") : themeSig.value
);

/** The language to render: the user's choice, else the browser's (ru or en). */
export const locale: ReadonlySignal<Locale> = computed(() =>
  localeChoiceSig.value ?? browserLocaleSig.value
);

/** Whether the user picked a language (false = following the browser). */
export const localeChosen: ReadonlySignal<boolean> = computed(() => localeChoiceSig.value !== null);

/** Chooses and remembers the theme. */
export function setTheme(next: ThemePref): void {
  themeSig.value = next;
  write(THEME_KEY, next === "system" ? null : next);
}

/** Chooses and remembers the language; null goes back to following the browser. */
export function setLocale(next: Locale | null): void {
  localeChoiceSig.value = next;
  write(LOCALE_KEY, next);
}

if (typeof matchMedia === "function") {
  matchMedia("(prefers-color-scheme: dark)").addEventListener?.("change", (event) => {
    systemDarkSig.value = event.matches;
  });
}

function readTheme(): ThemePref {
  const stored = read(THEME_KEY);
  return stored === "dark" || stored === "light" ? stored : "system";
}

function readLocale(): Locale | null {
  const stored = read(LOCALE_KEY);
  return stored === "en" || stored === "ru" ? stored : null;
}

function browserLocale(): Locale {
  const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? "en"];
  for (const language of languages) {
    const base = language.toLowerCase().split("-")[0];
    if (base === "ru") return "ru";
    if (base === "en") return "en";
  }
  return "en";
}

function prefersDark(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage may be disabled; the choice still holds for this page.
  }
}
