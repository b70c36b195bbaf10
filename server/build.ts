/**
 * Builds the browser assets into `static/build/`: one bundle per island
 * (`islands/PascalCase.tsx`) with shared code split into chunks, plus the
 * stylesheet and the API docs' scripts. Every file name carries a content
 * hash so it can be cached for a year; `manifest.json` maps each entry to
 * its file and the chunks it imports, for `<link rel="modulepreload">`.
 * Each file also gets `.gz` and `.br` siblings served as-is by `serveStatic`.
 * Last, the service worker (`sw/main.ts`) is bundled into `sw.js` with the
 * precache manifest embedded: every island file, the stylesheet, the icons
 * and the shell pages, each with a content hash as its revision.
 *
 * Run with `deno task build`; add `--watch` to rebuild on every change to
 * `islands/` or `static/` (pages pick up the new manifest by themselves).
 */
import { basename, extname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import getSwaggerUiPath from "swagger-ui-dist/absolute-path.js";
import { type HashedFile, precacheEntries, workerEntrySource } from "../sw/precache_list.ts";

/** One built entry: its hashed file (relative to `static/build/`) and what it imports. */
export interface BuildEntry {
  file: string;
  /** Chunks the file imports, transitively, to preload alongside it. */
  imports: string[];
}

/** `static/build/manifest.json`: entry name (`LoginForm`, `styles.css`) → built file. */
export type BuildManifest = Record<string, BuildEntry>;

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ISLANDS = join(ROOT, "islands");
const OUT = join(ROOT, "static", "build");
/** URL prefix of `OUT` (as `routes/pages/assets.ts` serves it). */
const BUILD_URL = "/static/build/";
const ISLAND_FILE = /^([A-Z][A-Za-z0-9]*)\.tsx$/;
/** Islands that live below `islands/` (name → path in `islands/`), rendered by the document itself. */
const NESTED_ISLANDS: Record<string, string> = { UpdatePrompt: "ui/UpdatePrompt.tsx" };
/** Files of `static/` the worker precaches besides the build (the app must start offline). */
const PRECACHED_STATIC = [
  "favicon.svg",
  "manifest.webmanifest",
  "icons/icon-192.png",
  "icons/icon-512.png",
  "icons/maskable-512.png",
];
/**
 * Chunks larger than this are loaded on demand and only online (the
 * LiveKit client, ~150 KB gzipped): precaching them would make every
 * install download them whether or not the user ever joins voice.
 */
const PRECACHE_MAX_BYTES = 256 * 1024;
/** Built entries the worker does not precache: the API docs are online-only. */
const NOT_PRECACHED = new Set(["docs.js", "swagger-ui.css", "swagger-ui-bundle.js"]);
/** Sources that shape the precached pages' HTML beyond the built files they link. */
const PAGE_SOURCES = join(ROOT, "routes", "pages");

/** Files copied verbatim (with a hash in the name): manifest name → source path. */
function copiedAssets(): Record<string, string> {
  const swagger = getSwaggerUiPath();
  return {
    "styles.css": join(ROOT, "static", "styles.css"),
    "docs.js": join(ROOT, "static", "docs.js"),
    "swagger-ui.css": join(swagger, "swagger-ui.css"),
    "swagger-ui-bundle.js": join(swagger, "swagger-ui-bundle.js"),
  };
}

/** The island names: PascalCase `.tsx` files directly in `islands/`. */
async function findIslands(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(ISLANDS)) {
    const match = entry.isFile ? ISLAND_FILE.exec(entry.name) : null;
    if (!match) continue;
    const source = await Deno.readTextFile(join(ISLANDS, entry.name));
    if (!new RegExp(`export function ${match[1]}\\b`).test(source)) {
      throw new Error(`islands/${entry.name} must export a function named ${match[1]}`);
    }
    names.push(match[1]);
  }
  return [...names, ...Object.keys(NESTED_ISLANDS)].sort();
}

/** The source file of island `name`. */
function islandPath(name: string): string {
  return join(ISLANDS, NESTED_ISLANDS[name] ?? `${name}.tsx`);
}

/** Writes one tiny entry module per island that hydrates it, and returns their paths. */
async function writeEntries(dir: string, islands: string[]): Promise<string[]> {
  const hydrate = pathToFileURL(join(ISLANDS, "hydrate.tsx")).href;
  return await Promise.all(islands.map(async (name) => {
    const path = join(dir, `${name}.ts`);
    const island = pathToFileURL(islandPath(name)).href;
    await Deno.writeTextFile(
      path,
      `import { hydrateIslands } from "${hydrate}";\n` +
        `import { ${name} } from "${island}";\n` +
        `hydrateIslands("${name}", ${name});\n`,
    );
    return path;
  }));
}

/** Runs `deno bundle` with code splitting; fails loudly with its output. */
async function bundle(entries: string[], outdir: string): Promise<void> {
  await denoBundle(["--code-splitting", "--outdir", outdir, ...entries]);
}

/** Runs `deno bundle --platform browser --minify` with `args`. */
async function denoBundle(args: string[]): Promise<void> {
  const { success, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "browser", "--minify", ...args],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (!success) throw new Error(`deno bundle failed:\n${new TextDecoder().decode(stderr)}`);
}

/** The first 10 hex digits of the SHA-256 of `bytes`. */
async function contentHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 5), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `name.ext` → `name-<hash>.ext`. */
async function hashedName(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const ext = extname(name);
  return `${basename(name, ext)}-${await contentHash(bytes)}${ext}`;
}

/** The relative chunk imports of a bundled module (`from"./chunk-X.js"`, `import"./chunk-X.js"`). */
function chunkImports(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]);
}

/** Every chunk `file` imports, directly or not, in first-seen order. */
function transitiveImports(file: string, direct: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    for (const dep of direct.get(f) ?? []) {
      if (!seen.has(dep)) seen.add(dep), visit(dep);
    }
  };
  visit(file);
  return [...seen];
}

/** Writes `bytes` plus precompressed `.gz` and `.br` copies; returns the sizes. */
async function writeCompressed(path: string, bytes: Uint8Array): Promise<[number, number]> {
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: bytes.length > 200_000 ? 9 : 11 },
  });
  await Promise.all([
    Deno.writeFile(path, bytes),
    Deno.writeFile(`${path}.gz`, gz),
    Deno.writeFile(`${path}.br`, br),
  ]);
  return [bytes.length, gz.length];
}

/** Removes files of earlier builds that this build did not write. */
async function removeStale(keep: Set<string>): Promise<void> {
  for await (const entry of Deno.readDir(OUT)) {
    const base = entry.name.replace(/\.(gz|br)$/, "");
    if (entry.isFile && !keep.has(base)) await Deno.remove(join(OUT, entry.name));
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
}

/** Builds everything and returns the manifest it wrote. */
export async function build(): Promise<BuildManifest> {
  const started = performance.now();
  const tmp = await Deno.makeTempDir({ prefix: "chat-build-" });
  try {
    const islands = await findIslands();
    const bundled = join(tmp, "out");
    await bundle(await writeEntries(tmp, islands), bundled);
    await Deno.mkdir(OUT, { recursive: true });

    const sizes = new Map<string, [number, number]>();
    const precached: HashedFile[] = [];
    const direct = new Map<string, string[]>();
    const manifest: BuildManifest = {};
    // Chunks keep the bundler's content-hashed names; entries get ours.
    for await (const entry of Deno.readDir(bundled)) {
      const bytes = await Deno.readFile(join(bundled, entry.name));
      const name = entry.name.replace(/\.js$/, "");
      const file = islands.includes(name) ? await hashedName(entry.name, bytes) : entry.name;
      if (bytes.length <= PRECACHE_MAX_BYTES) {
        precached.push({ url: BUILD_URL + file, hash: await contentHash(bytes) });
      }
      direct.set(file, chunkImports(new TextDecoder().decode(bytes)));
      sizes.set(file, await writeCompressed(join(OUT, file), bytes));
      if (islands.includes(name)) manifest[name] = { file, imports: [] };
    }
    for (const entry of Object.values(manifest)) {
      entry.imports = transitiveImports(entry.file, direct);
    }
    for (const [name, source] of Object.entries(copiedAssets())) {
      const bytes = await Deno.readFile(source);
      const file = await hashedName(name, bytes);
      sizes.set(file, await writeCompressed(join(OUT, file), bytes));
      manifest[name] = { file, imports: [] };
      if (!NOT_PRECACHED.has(name)) {
        precached.push({ url: BUILD_URL + file, hash: await contentHash(bytes) });
      }
    }
    const worker = await buildServiceWorker(tmp, precached, manifest);
    sizes.set("sw.js", await writeCompressed(join(OUT, "sw.js"), worker));
    manifest["sw.js"] = { file: "sw.js", imports: [] };
    const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a < b ? -1 : 1));
    await Deno.writeTextFile(join(OUT, "manifest.json"), JSON.stringify(sorted, null, 2) + "\n");
    await removeStale(new Set([...sizes.keys(), "manifest.json"]));
    report(manifest, sizes, performance.now() - started);
    return manifest;
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

/**
 * Bundles the service worker with its precache manifest: the built files
 * (`files`), the static files the shell needs, and the shell pages, whose
 * revision hashes the manifest plus the page templates (so it changes
 * whenever the HTML could).
 */
async function buildServiceWorker(
  tmp: string,
  files: HashedFile[],
  manifest: BuildManifest,
): Promise<Uint8Array<ArrayBuffer>> {
  const all = [...files];
  for (const path of PRECACHED_STATIC) {
    const bytes = await Deno.readFile(join(ROOT, "static", path));
    all.push({ url: `/static/${path}`, hash: await contentHash(bytes) });
  }
  const entries = precacheEntries(all, await pageRevision(manifest));
  const entry = join(tmp, "sw.ts");
  const main = pathToFileURL(join(ROOT, "sw", "main.ts")).href;
  await Deno.writeTextFile(entry, workerEntrySource(main, entries));
  const out = join(tmp, "sw.js");
  await denoBundle(["--output", out, entry]);
  return await Deno.readFile(out);
}

/** A hash over the build manifest and every page template's source. */
async function pageRevision(manifest: BuildManifest): Promise<string> {
  const parts = [JSON.stringify(manifest)];
  const names = [...Deno.readDirSync(PAGE_SOURCES)].map((e) => e.name).sort();
  for (const name of names) parts.push(name, await Deno.readTextFile(join(PAGE_SOURCES, name)));
  return await contentHash(new TextEncoder().encode(parts.join("\0")));
}

/** Prints each file's raw and gzip size, and each island's initial JS (entry + chunks). */
function report(manifest: BuildManifest, sizes: Map<string, [number, number]>, ms: number) {
  const out = relative(Deno.cwd(), OUT) || ".";
  console.log(`Built ${sizes.size} files into ${out}/ in ${Math.round(ms)} ms`);
  console.log(`  ${"file".padEnd(40)}${"raw".padStart(9)}${"gzip".padStart(9)}`);
  for (const [file, [raw, gz]] of [...sizes].sort()) {
    console.log(`  ${file.padEnd(40)}${kb(raw)}${kb(gz)}`);
  }
  for (const [name, { file, imports }] of Object.entries(manifest)) {
    if (!file.endsWith(".js") || name.includes(".")) continue;
    const gz = [file, ...imports].reduce((sum, f) => sum + (sizes.get(f)?.[1] ?? 0), 0);
    console.log(`  initial JS of ${name}: ${kb(gz).trim()} gzip`);
  }
}

/** Rebuilds whenever a source changes, until killed; a failed build waits for the next change. */
async function watch(): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  for await (const event of Deno.watchFs([ISLANDS, join(ROOT, "static"), join(ROOT, "sw")])) {
    if (event.paths.every((p) => p.startsWith(OUT))) continue;
    clearTimeout(timer);
    timer = setTimeout(function rebuild() {
      build().catch((error) => console.error(String(error)));
    }, 100);
  }
}

if (import.meta.main) {
  await build();
  if (Deno.args.includes("--watch")) await watch();
}
