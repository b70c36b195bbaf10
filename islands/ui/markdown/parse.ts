/**
 * Chat markdown (the Discord dialect) parsed to an AST with
 * `@khanacademy/simple-markdown`: bold, italic, underline, strike, inline
 * code, fenced code blocks, links, `> ` quotes, `||spoilers||` and
 * `@mentions`. The AST is rendered to elements by `render.tsx`; nothing is
 * ever turned into HTML, so hostile content stays text.
 */
import SimpleMarkdownModule, {
  type ParserRules,
  type SingleASTNode,
} from "@khanacademy/simple-markdown";

/** A parsed node (`type` plus rule-specific fields such as `content` or `target`). */
export type MdNode = SingleASTNode;

// The package is CommonJS with `exports.default`; Node-style interop (Deno,
// vitest) wraps it once more than the bundler's ESM build does.
type SimpleMarkdownApi = typeof SimpleMarkdownModule.default;
const SimpleMarkdown: SimpleMarkdownApi =
  (SimpleMarkdownModule as unknown as { default?: SimpleMarkdownApi }).default ??
    (SimpleMarkdownModule as unknown as SimpleMarkdownApi);
const { defaultRules: d, inlineRegex, anyScopeRegex } = SimpleMarkdown;

/** True when the previous capture ended a line (or nothing was captured yet). */
function atLineStart(prevCapture: string): boolean {
  return prevCapture === "" || prevCapture.endsWith("\n");
}

/** True when the previous capture ended with whitespace (or at the start). */
function atWordStart(prevCapture: string): boolean {
  return prevCapture === "" || /\s$/.test(prevCapture);
}

const CODE_BLOCK = /^```(?:([a-z0-9_+#.-]{1,20})\n)?\n*([\s\S]+?)\n*```\n?/i;
const QUOTE = /^(?: {0,3}> ?[^\n]*(?:\n|$))+/;
const SPOILER = /^\|\|([\s\S]+?)\|\|/;
const MENTION = /^@(everyone|here|[a-z0-9_.]{2,32})/i;
const NEWLINE = /^\n/;
const TEXT = /^[\s\S]+?(?=[^0-9A-Za-z\s\u00c0-\uffff]|\n|\b\w+:\S|$)/;

const rules: ParserRules = {
  codeBlock: {
    order: 0,
    match: anyScopeRegex(CODE_BLOCK),
    parse: (capture) => ({ lang: capture[1] ?? null, content: capture[2] }),
  },
  blockQuote: {
    order: 1,
    match: (source, state, prev) => !state.inQuote && atLineStart(prev) ? QUOTE.exec(source) : null,
    parse(capture, parse, state) {
      const body = capture[0].replace(/^ {0,3}> ?/gm, "").replace(/\n$/, "");
      state.inQuote = true;
      const content = parse(body, state);
      state.inQuote = false;
      return { content };
    },
  },
  escape: { ...d.escape, order: 2 },
  spoiler: {
    order: 3,
    match: inlineRegex(SPOILER),
    parse: (capture, parse, state) => ({ content: parse(capture[1], state) }),
  },
  autolink: { ...d.autolink, order: 4 },
  url: { ...d.url, order: 5 },
  link: {
    ...d.link,
    order: 6,
    parse: (capture, parse, state) => ({ ...d.link.parse(capture, parse, state), raw: capture[0] }),
  },
  mention: {
    order: 7,
    match: (source, state, prev) => state.inline && atWordStart(prev) ? MENTION.exec(source) : null,
    parse: (capture) => ({ name: capture[1] }),
  },
  strong: { ...d.strong, order: 8 },
  u: { ...d.u, order: 8 },
  em: { ...d.em, order: 8 },
  del: { ...d.del, order: 9 },
  inlineCode: { ...d.inlineCode, order: 10 },
  br: { order: 11, match: anyScopeRegex(NEWLINE), parse: () => ({}) },
  text: { ...d.text, order: 12, match: anyScopeRegex(TEXT) },
};

const parser = SimpleMarkdown.parserFor(rules, { inline: true });

const cache = new Map<string, MdNode[]>();
const CACHE_LIMIT = 2000;

/** Parses message content (memoised: the same text parses once). */
export function parseMarkdown(source: string): MdNode[] {
  const hit = cache.get(source);
  if (hit) return hit;
  let nodes: MdNode[];
  try {
    nodes = parser(source, { inline: true });
  } catch {
    // A parser bug must never hide a message: show it as plain text instead.
    nodes = [{ type: "text", content: source }];
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(source, nodes);
  return nodes;
}

/** The http(s) URL a link may open, or null when it must stay text (javascript:, data:, …). */
export function safeHref(target: unknown): string | null {
  if (typeof target !== "string") return null;
  try {
    const url = new URL(target);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The plain text of nodes, for labels and previews. */
export function plainText(nodes: readonly MdNode[]): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node.content === "string") out += node.content;
    else if (Array.isArray(node.content)) out += plainText(node.content);
    else if (node.type === "mention") out += `@${node.name}`;
    else if (node.type === "br") out += "\n";
  }
  return out;
}
