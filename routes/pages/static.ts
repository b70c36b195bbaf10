/**
 * `/static/*` from the `static/` folder. Built files carry a content hash in
 * their names, so they are cached for a year; anything else is revalidated.
 * Precompressed `.br`/`.gz` siblings written by the build are preferred.
 */
import type { MiddlewareHandler } from "hono";
import { serveStatic } from "hono/deno";
import type { AppEnv } from "../api/env.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/** Serves `/static/<path>` from `root/<path>`. */
export function staticFiles(root: string): MiddlewareHandler<AppEnv> {
  return serveStatic<AppEnv>({
    root,
    rewriteRequestPath: (path) => path.replace(/^\/static/, ""),
    precompressed: true,
    onFound: (path, c) => {
      const hashed = /[\\/]build[\\/]/.test(path) && !/(?:manifest\.json|sw\.js)$/.test(path);
      c.header("Cache-Control", hashed ? IMMUTABLE : REVALIDATE);
    },
  });
}

/** Serves one file of `root` (e.g. the favicon at `/favicon.ico`). */
export function staticFile(root: string, path: string): MiddlewareHandler<AppEnv> {
  return serveStatic<AppEnv>({
    root,
    path,
    onFound: (_path, c) => {
      c.header("Cache-Control", "public, max-age=86400");
    },
  });
}

/**
 * `/sw.js`: the service worker built into `root/build/sw.js`. Served from
 * the root so its scope is the whole origin, and always revalidated so the
 * browser notices a new version (its bytes embed the precache manifest).
 */
export function serviceWorkerScript(root: string): MiddlewareHandler<AppEnv> {
  return serveStatic<AppEnv>({
    root,
    path: "build/sw.js",
    precompressed: true,
    onFound: (_path, c) => {
      c.header("Cache-Control", REVALIDATE);
      c.header("Service-Worker-Allowed", "/");
    },
  });
}
