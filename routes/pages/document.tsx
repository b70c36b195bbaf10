/**
 * Server rendering of whole pages. Islands rendered anywhere in a page are
 * collected while the body renders, so the head links exactly the bundles
 * (and preloads exactly the chunks) the page needs. Every page links the web
 * manifest and registers the service worker (through the `UpdatePrompt`
 * island), which makes the app installable and usable offline.
 */
import { type ComponentChildren, type ComponentType, createContext, type VNode } from "preact";
import { useContext } from "preact/hooks";
import { renderToString } from "preact-render-to-string";
import { UpdatePrompt } from "../../islands/ui/UpdatePrompt.tsx";
import type { Assets } from "./assets.ts";

/** The web manifest every page links (see `static/manifest.webmanifest`). */
export const MANIFEST_URL = "/static/manifest.webmanifest";
/** Browser UI colours matching the page background of each colour scheme. */
const THEME_COLORS = { light: "#f2f3f5", dark: "#1e1f22" } as const;

const IslandsUsed = createContext<Set<string> | null>(null);

/** Props of {@link Island}. */
export interface IslandProps<P> {
  /** A PascalCase island from `islands/`, whose function name is its bundle's name. */
  component: ComponentType<P>;
  /** JSON-serialisable props, handed to the client in `data-props`. */
  props: P;
}

/** Renders an island inside the root its bundle hydrates. */
export function Island<P extends object>({ component: Component, props }: IslandProps<P>) {
  const name = Component.name;
  useContext(IslandsUsed)?.add(name);
  return (
    <div data-island={name} data-props={JSON.stringify(props)}>
      <Component {...props} />
    </div>
  );
}

/** What {@link renderPage} needs. */
export interface PageOptions {
  title: string;
  assets: Assets;
  body: VNode;
}

/** The full HTML document of a page, doctype included. */
export function renderPage({ title, assets, body }: PageOptions): string {
  const islands = new Set<string>();
  const bodyHtml = renderToString(
    <IslandsUsed.Provider value={islands}>
      <noscript>
        <p class="noscript">Chat needs JavaScript: please enable it to continue.</p>
      </noscript>
      {body}
      <Island component={UpdatePrompt} props={{}} />
    </IslandsUsed.Provider>,
  );
  return "<!DOCTYPE html>" +
    renderToString(
      <Document title={title} assets={assets} islands={[...islands]} body={bodyHtml} />,
    );
}

interface DocumentProps {
  title: string;
  assets: Assets;
  islands: string[];
  body: string;
}

function Document({ title, assets, islands, body }: DocumentProps) {
  const preloads = [...new Set(islands.flatMap((name) => assets.preloads(name)))];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="dark light" />
        <title>{title === "Chat" ? title : `${title} · Chat`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="manifest" href={MANIFEST_URL} />
        <link rel="apple-touch-icon" href="/static/icons/icon-192.png" />
        <meta
          name="theme-color"
          content={THEME_COLORS.light}
          media="(prefers-color-scheme: light)"
        />
        <meta name="theme-color" content={THEME_COLORS.dark} media="(prefers-color-scheme: dark)" />
        <Stylesheet href={assets.url("styles.css")} />
        {preloads.map((href) => <link key={href} rel="modulepreload" href={href} />)}
        {islands.map((name) => <ModuleScript key={name} src={assets.url(name)} />)}
      </head>
      <body dangerouslySetInnerHTML={{ __html: body }} />
    </html>
  );
}

function Stylesheet({ href }: { href: string | undefined }) {
  return href ? <link rel="stylesheet" href={href} /> : null;
}

function ModuleScript({ src }: { src: string | undefined }) {
  return src ? <script type="module" src={src} /> : null;
}

/** The centred card the login, register and password pages share. */
export function AuthLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="auth">
      <div class="card">
        <p class="brand" aria-hidden="true">Chat</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
