/** `/app` (and `/invite/:code`): the shell the chat app's root island lives in. */
import { App } from "../../islands/App.tsx";
import type { Assets } from "./assets.ts";
import { Island, renderPage } from "./document.tsx";

/**
 * The app shell. The island renders a loading line on the server and the
 * whole chat once hydrated; it reads the route (including an invite code in
 * `/invite/<code>` or `?invite=`) from the URL, so one page serves both.
 */
export function appShellPage(assets: Assets): string {
  return renderPage({ title: "Chat", assets, body: <Island component={App} props={{}} /> });
}

/** `/invite/:code`: the same shell; the island shows the invite's preview and `Join`. */
export function invitePage(assets: Assets): string {
  return renderPage({ title: "Invite", assets, body: <Island component={App} props={{}} /> });
}
