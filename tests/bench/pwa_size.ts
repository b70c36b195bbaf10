/**
 * The app shell's initial JavaScript: every script and module preload the
 * `/app` page links (exactly what a first visit downloads before the app
 * can run), each gzipped with `CompressionStream`, summed.
 */

/** One file the page loads up front, with its sizes in bytes. */
export interface InitialFile {
  url: string;
  raw: number;
  gzip: number;
}

/** The initial JS of a page. */
export interface InitialJs {
  files: InitialFile[];
  raw: number;
  gzip: number;
}

/** The `src` of module scripts and the `href` of module preloads in `html`. */
export function initialScriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    const script = /^<script\b/.test(tag) && /\btype="module"/.test(tag);
    const preload = /^<link\b/.test(tag) && /\brel="modulepreload"/.test(tag);
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((script || preload) && url) urls.add(url);
  }
  return [...urls];
}

/** The gzip size of `bytes` (CompressionStream, default level). */
export async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Fetches `pagePath` from `origin` and measures every script it loads up front. */
export async function measureInitialJs(origin: string, pagePath = "/app"): Promise<InitialJs> {
  const html = await (await fetch(origin + pagePath)).text();
  const files: InitialFile[] = [];
  for (const url of initialScriptUrls(html)) {
    const response = await fetch(new URL(url, origin), {
      headers: { "accept-encoding": "identity" },
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    files.push({ url, raw: bytes.length, gzip: await gzipSize(bytes) });
  }
  if (files.length === 0) {
    throw new Error(`${pagePath} links no module scripts: is the build there?`);
  }
  return {
    files,
    raw: files.reduce((sum, f) => sum + f.raw, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}
