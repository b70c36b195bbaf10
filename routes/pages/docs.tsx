/**
 * `/api/docs`: Swagger UI over `/api/v1/openapi.json`, served from this
 * origin (the `swagger-ui-dist` files are copied in by the build) and
 * started by a static script, since the CSP allows no inline script.
 */
import { renderToString } from "preact-render-to-string";
import type { Assets } from "./assets.ts";

/** The interactive API reference. */
export function apiDocsPage(assets: Assets): string {
  return "<!DOCTYPE html>" + renderToString(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>API docs · Chat</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={assets.url("swagger-ui.css")} />
        <script defer src={assets.url("swagger-ui-bundle.js")} />
        <script defer src={assets.url("docs.js")} data-spec="/api/v1/openapi.json" />
      </head>
      <body>
        <main id="swagger-ui">
          <noscript>
            The API reference needs JavaScript; the raw document is at{" "}
            <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
          </noscript>
        </main>
      </body>
    </html>,
  );
}
