/**
 * Renders chat markdown to Preact elements. Every piece of user text ends
 * up as a text node; links open only for http(s) targets (anything else is
 * shown as its source text), in a new tab without an opener.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { t } from "../../i18n/mod.ts";
import { type MdNode, parseMarkdown, plainText, safeHref } from "./parse.ts";

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  content: string;
  /** The viewer's username: their own mentions get a stronger highlight. */
  me?: string;
}

/** Message text as elements (`dir="auto"` is set by the caller's container). */
export function Markdown({ content, me }: MarkdownProps) {
  return <>{renderNodes(parseMarkdown(content), me?.toLowerCase() ?? "")}</>;
}

function renderNodes(nodes: readonly MdNode[], me: string): ComponentChildren[] {
  return nodes.map((node, i) => renderNode(node, i, me));
}

function renderNode(node: MdNode, key: number, me: string): ComponentChildren {
  const children = () => renderNodes(node.content as MdNode[], me);
  switch (node.type) {
    case "text":
      return node.content as string;
    case "br":
      return <br key={key} />;
    case "strong":
      return <strong key={key}>{children()}</strong>;
    case "em":
      return <em key={key}>{children()}</em>;
    case "u":
      return <u key={key}>{children()}</u>;
    case "del":
      return <del key={key}>{children()}</del>;
    case "inlineCode":
      return <code key={key} class="md-code">{node.content as string}</code>;
    case "codeBlock":
      return (
        <pre key={key} class="md-pre">
          <code>{node.content as string}</code>
        </pre>
      );
    case "blockQuote":
      return <blockquote key={key} class="md-quote">{children()}</blockquote>;
    case "spoiler":
      return <Spoiler key={key} nodes={node.content as MdNode[]} me={me} />;
    case "mention":
      return <Mention key={key} name={node.name as string} me={me} />;
    case "link":
      return <Link key={key} node={node} me={me} />;
    default:
      return typeof node.content === "string" ? node.content : null;
  }
}

function Link({ node, me }: { node: MdNode; me: string }) {
  const href = safeHref(node.target);
  if (!href) return <>{typeof node.raw === "string" ? node.raw : String(node.target ?? "")}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {renderNodes(node.content as MdNode[], me)}
    </a>
  );
}

function Mention({ name, me }: { name: string; me: string }) {
  const lower = name.toLowerCase();
  const mine = lower === me || lower === "everyone" || lower === "here";
  return <span class={mine ? "mention mention-me" : "mention"}>@{name}</span>;
}

/** Hidden until clicked; while hidden, assistive tech hears "Reveal spoiler", not the text. */
function Spoiler({ nodes, me }: { nodes: MdNode[]; me: string }) {
  const [shown, setShown] = useState(false);
  if (shown) return <span class="spoiler spoiler-shown">{renderNodes(nodes, me)}</span>;
  return (
    <button
      type="button"
      class="spoiler"
      title={t("spoiler")}
      onClick={() => setShown(true)}
    >
      <span class="sr-only">{t("revealSpoiler")}</span>
      <span aria-hidden="true">{plainText(nodes)}</span>
    </button>
  );
}
