import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Middleware } from 'koa'
import send from 'koa-send'
import type { WaqtorState } from './api-context.ts'

/**
 * Serves the built admin panel (admin-ui/dist) at `/`, with index.html for client-side routes.
 * When no panel is built, `/` leads to the API documentation instead.
 */
export function staticPanelMiddleware(panelDir: string | undefined): Middleware<WaqtorState> {
  const hasPanel = panelDir !== undefined && existsSync(path.join(panelDir, 'index.html'))
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isServerPath(ctx.path)) return next()
    if (!hasPanel || !panelDir) {
      if (ctx.path === '/') ctx.redirect('/docs')
      else await next()
      return
    }
    const file = ctx.path === '/' ? 'index.html' : ctx.path.slice(1)
    // Files live at the top (favicon.svg) or under assets/ and shared/; anything else is a page of the
    // panel, even with a dot in it (a chat such as /messages/shop/15551234567@c.us).
    const isAsset = /^(assets|shared)\//.test(file) || (!file.includes('/') && path.extname(file) !== '')
    try {
      await send(ctx, isAsset ? file : 'index.html', { root: panelDir, maxage: file.startsWith('assets/') ? 31_536_000_000 : 0, immutable: file.startsWith('assets/') })
    } catch (error) {
      if ((error as { status?: number }).status === 404) return next()
      throw error
    }
  }
}

function isServerPath(requestPath: string): boolean {
  return /^\/(api|docs|health|ready|metrics|socket\.io|plugin-ui)(\/|$)/.test(requestPath)
}
