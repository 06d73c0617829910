import path from 'node:path'
import { createRequire } from 'node:module'
import type Router from '@koa/router'
import send from 'koa-send'
import type { WaqtorState } from './api-context.ts'
import type { OpenApiInfo, OpenApiRegistry } from './openapi-registry.ts'

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const swaggerAssets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png'])

const docsPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>WaQtor API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-init.js"></script>
</body>
</html>`

// A separate file rather than an inline script, so a strict Content-Security-Policy can apply.
const initScript = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', withCredentials: true, persistAuthorization: true })`

/** `GET /api/openapi.json` (authenticated, under /api) and the Swagger UI page at `/docs`. */
export function registerDocsRoutes(router: Router<WaqtorState>, registry: OpenApiRegistry, info: OpenApiInfo): void {
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = registry.document(info)
  })
  router.get('/docs', (ctx) => {
    ctx.type = 'html'
    ctx.body = docsPage
  })
  router.get('/docs/swagger-init.js', (ctx) => {
    ctx.type = 'application/javascript'
    ctx.body = initScript
  })
  router.get('/docs/:asset', async (ctx, next) => {
    const asset = ctx.params.asset ?? ''
    if (!swaggerAssets.has(asset)) return next()
    await send(ctx, asset, { root: swaggerDir, maxage: 86_400_000 })
  })
}
