/** `/app`: the shell the app's islands live in. */
import { AppHome } from "../../islands/AppHome.tsx";
import type { Assets } from "./assets.ts";
import { Island, renderPage } from "./document.tsx";

/** The app shell; the island loads the session and greets the user. */
export function appShellPage(assets: Assets): string {
  return renderPage({ title: "Chat", assets, body: <Island component={AppHome} props={{}} /> });
}
