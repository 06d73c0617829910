import type { Middleware } from 'koa'
import type { WaqtorState } from '../../http/api-context.ts'

export const sendMediaPath = '/api/messages/send-media'

/**
 * Mounted before the global body parser: send-media reads its own body (larger limit, multipart),
 * after authentication, in `mediaBodyReader`. Raising the global 1 MB JSON limit instead would
 * let every route be sent huge bodies.
 */
export function mediaRouteBypass(): Middleware<WaqtorState> {
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === sendMediaPath) ctx.disableBodyParser = true
    await next()
  }
}
