/**
 * Translation for the islands: `t("key", {name})` in the user's language
 * (their setting, else the browser's), with `Intl.PluralRules` choosing
 * the plural form and `Intl.DateTimeFormat` formatting dates. Reading the
 * locale signal inside components makes them re-render on a switch.
 */
import type { Locale } from "../../server/wire/types.ts";
import { locale } from "../state/prefs.ts";
import { en, type Key, type Plural } from "./en.ts";

export type { Plural };
import { ru } from "./ru.ts";

const dictionaries: Record<Locale, Record<Key, string | Plural>> = { en, ru };

/** Values substituted for `{name}` placeholders. */
export type Params = Record<string, string | number>;

/** The current locale (tracked: components re-render when it changes). */
export function currentLocale(): Locale {
  return locale.value;
}

/** The string for `key` in the current locale; plural keys need `params.count`. */
export function t(key: Key, params: Params = {}): string {
  const lang = locale.value;
  const entry = dictionaries[lang][key] ?? en[key];
  const text = typeof entry === "string" ? entry : pluralForm(lang, entry, params.count);
  return fill(text, params);
}

/**
 * {@link t} over another dictionary pair, for strings that load with a lazy
 * chunk (e.g. server settings) rather than with the app shell.
 */
export function tFrom<K extends string>(
  dictionaries: Record<Locale, Record<K, string | Plural>>,
  key: K,
  params: Params = {},
): string {
  const lang = locale.value;
  const entry = dictionaries[lang][key] ?? dictionaries.en[key];
  const text = typeof entry === "string" ? entry : pluralForm(lang, entry, params.count);
  return fill(text, params);
}

function pluralForm(lang: Locale, entry: Plural, count: string | number | undefined): string {
  const category = pluralRules(lang).select(Number(count ?? 0)) as keyof Plural;
  return entry[category] ?? entry.other;
}

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const rulesCache = new Map<Locale, Intl.PluralRules>();
function pluralRules(lang: Locale): Intl.PluralRules {
  let rules = rulesCache.get(lang);
  if (!rules) rulesCache.set(lang, rules = new Intl.PluralRules(lang));
  return rules;
}

const formatCache = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const lang = locale.value;
  const cacheKey = lang + JSON.stringify(options);
  let format = formatCache.get(cacheKey);
  if (!format) formatCache.set(cacheKey, format = new Intl.DateTimeFormat(lang, options));
  return format;
}

/** A day heading such as "22 November 2025", in the user's locale and time zone. */
export function formatDay(iso: string): string {
  return formatter({ dateStyle: "long" }).format(new Date(iso));
}

/** A short time such as "14:05". */
export function formatTime(iso: string): string {
  return formatter({ timeStyle: "short" }).format(new Date(iso));
}

/** Date and time, for tooltips and `<time>` labels. */
export function formatDateTime(iso: string): string {
  return formatter({ dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** A local calendar-day key, to tell when two messages fall on different days. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** The language names shown in the Language select, each in its own language. */
export const LANGUAGES: readonly { code: Locale; name: string }[] = [
  { code: "en", name: "English" },
  { code: "ru", name: "Русский" },
];
