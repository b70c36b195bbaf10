// Starts Swagger UI on /api/docs. A file, not inline code: the CSP forbids inline script.
// The spec URL comes from this script tag's data-spec attribute.
"use strict";

(function startSwaggerUi(script) {
  const spec = script?.dataset.spec ?? "/api/v1/openapi.json";
  globalThis.addEventListener("DOMContentLoaded", function mount() {
    globalThis.SwaggerUIBundle({
      url: spec,
      dom_id: "#swagger-ui",
      deepLinking: true,
      presets: [globalThis.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
    });
  });
})(document.currentScript);
