// The API reference over the API's own description, which the front serves at /openapi.yaml.
// A file of its own, not inline: the Content-Security-Policy allows no inline script.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
