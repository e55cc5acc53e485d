// Start Swagger UI on /api/v1/docs from the vendored bundle (no inline script: the strict CSP holds).
(function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    // Without deep links an operation's summary is one button with no link inside it (axe: nested-interactive).
    deepLinking: false,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
