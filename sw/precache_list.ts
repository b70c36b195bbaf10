/**
 * Build-time half of the precache (run by `server/build.ts`, never in the
 * browser): the list of URLs with their revisions, and the entry module
 * that hands the list to the worker, so the bundled `sw.js` embeds it.
 */
import type { PrecacheEntry } from "workbox-precaching";
import { PRECACHED_PAGES } from "./precache.ts";

/** A file to precache: its URL and a hash of its bytes. */
export interface HashedFile {
  url: string;
  hash: string;
}

/**
 * The precache manifest: every file at its content hash, then the shell
 * pages at `pageRevision` (a hash over everything that shapes their HTML).
 * Sorted by URL so the same build always yields the same worker bytes.
 */
export function precacheEntries(files: HashedFile[], pageRevision: string): PrecacheEntry[] {
  const entries = new Map<string, string>();
  for (const { url, hash } of files) entries.set(url, hash);
  for (const page of PRECACHED_PAGES) entries.set(page, pageRevision);
  return [...entries].sort(([a], [b]) => a < b ? -1 : 1).map(([url, revision]) => ({
    url,
    revision,
  }));
}

/** The source of the worker's entry module: starts the worker with `entries` embedded. */
export function workerEntrySource(mainModuleUrl: string, entries: PrecacheEntry[]): string {
  return `import { startServiceWorker } from ${JSON.stringify(mainModuleUrl)};\n` +
    `startServiceWorker(${JSON.stringify(entries)});\n`;
}
