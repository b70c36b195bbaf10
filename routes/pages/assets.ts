/**
 * The built browser files (see `server/build.ts`), looked up by entry name
 * through `static/build/manifest.json`. The manifest is read on first use,
 * so apps that never render a page (API tests) never need a build, and read
 * again whenever a rebuild replaced it, so a running server never links
 * files a rebuild deleted.
 */
import { join } from "node:path";
import type { BuildEntry, BuildManifest } from "../../server/build.ts";
import type { Logger } from "../../server/log.ts";

/** URL prefix of `static/build/`. */
export const BUILD_URL = "/static/build/";

/** The built files pages link to. */
export interface Assets {
  /** The URL of a built file, e.g. `styles.css`; undefined before a build. */
  url(name: string): string | undefined;
  /** The URLs of the chunks an island's bundle imports, to preload. */
  preloads(name: string): string[];
}

/** Assets from the manifest in `buildDir`; a missing build is logged once, not fatal. */
export function buildAssets(buildDir: string, log: Logger): Assets {
  const path = join(buildDir, "manifest.json");
  let manifest: BuildManifest = {};
  let readAt: number | null = null;
  let warned = false;

  function entry(name: string): BuildEntry | undefined {
    try {
      const mtime = Deno.statSync(path).mtime?.getTime() ?? 0;
      if (mtime !== readAt) {
        manifest = JSON.parse(Deno.readTextFileSync(path));
        readAt = mtime;
      }
    } catch (error) {
      if (!warned) {
        log.warn("pages have no scripts or styles: run `deno task build`", {
          manifest: path,
          error: String(error),
        });
        warned = true;
      }
    }
    return manifest[name];
  }

  return {
    url(name) {
      const found = entry(name);
      return found && BUILD_URL + found.file;
    },
    preloads(name) {
      return (entry(name)?.imports ?? []).map((file) => BUILD_URL + file);
    },
  };
}
