import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { html } from 'hono/html'

// Swagger UI's files come from its npm package and are served by this service: many installs have no internet.
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

const assets = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const

// No inline script: the page runs under a CSP that allows this origin only.
const init = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, persistAuthorization: false })
})
`

/** Same-origin only: the reference can neither load nor send anything elsewhere. */
export const docsPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

/** `GET /docs`: the interactive reference of /openapi.json (Swagger UI), no token needed to read it. */
export function docsRoutes() {
  const cache = new Map<string, string>()
  const read = async (name: keyof typeof assets) => {
    const kept = cache.get(name)
    if (kept !== undefined) return kept
    const text = await readFile(join(swaggerDir, name), 'utf8')
    cache.set(name, text)
    return text
  }
  return new Hono()
    .get('/', (c) => {
      c.header('content-security-policy', docsPolicy)
      return c.html(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DocuQuery API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>`)
    })
    .get('/assets/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/assets/:name', async (c) => {
      const name = c.req.param('name')
      if (!Object.hasOwn(assets, name)) return c.json({ error: { code: 'not_found', message: `No asset ${name}` } }, 404)
      const file = name as keyof typeof assets
      return c.body(await read(file), 200, { 'content-type': assets[file], 'cache-control': 'public, max-age=86400' })
    })
}
