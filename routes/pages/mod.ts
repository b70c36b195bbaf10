/** Server-rendered pages, the API reference and static files. */
import { type Context, Hono } from "hono";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Services } from "../../server/services.ts";
import type { AppEnv } from "../api/env.ts";
import { appShellPage, invitePage } from "./app_shell.tsx";
import { buildAssets } from "./assets.ts";
import { forgotPasswordPage, loginPage, registerPage, resetPasswordPage } from "./auth.tsx";
import { apiDocsPage } from "./docs.tsx";
import { serviceWorkerScript, staticFile, staticFiles } from "./static.ts";

/** The `static/` folder, wherever the server was started from. */
const STATIC_ROOT = fileURLToPath(new URL("../../static/", import.meta.url));

/** The page routes, mounted at `/`. */
export function pageRoutes(services: Services): Hono<AppEnv> {
  const assets = buildAssets(join(STATIC_ROOT, "build"), services.log);
  const app = new Hono<AppEnv>();

  app.use("/static/*", staticFiles(STATIC_ROOT));
  app.get("/favicon.ico", staticFile(STATIC_ROOT, "favicon.svg"));
  app.get("/sw.js", serviceWorkerScript(STATIC_ROOT));

  app.get("/", (c) => c.redirect("/app"));
  app.get("/app", (c) => sendPage(c, appShellPage(assets)));
  // Deeper app URLs and invite links render the shell too (offline, the service worker does).
  app.get("/app/*", (c) => sendPage(c, appShellPage(assets)));
  app.get("/invite/:code", (c) => sendPage(c, invitePage(assets)));
  app.get("/login", (c) => sendPage(c, loginPage(assets)));
  app.get("/register", (c) => sendPage(c, registerPage(assets)));
  app.get("/forgot-password", (c) => sendPage(c, forgotPasswordPage(assets)));
  app.get("/reset-password", (c) => {
    const token = c.req.query("token") ?? "";
    // The token is a credential: keep the page out of every cache.
    return sendPage(c, resetPasswordPage(assets, token), "no-store");
  });
  app.get("/api/docs", (c) => sendPage(c, apiDocsPage(assets)));
  return app;
}

/** Pages are cheap to render and name hashed bundles: always revalidate them. */
function sendPage(c: Context<AppEnv>, html: string, cacheControl = "no-cache") {
  c.header("Cache-Control", cacheControl);
  return c.html(html);
}
