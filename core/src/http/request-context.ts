import { randomUUID } from 'node:crypto'
import type { Middleware } from 'koa'
import type { Logger } from '../logging/create-logger.ts'
import type { WaqtorState } from './api-context.ts'

const acceptableRequestId = /^[A-Za-z0-9._-]{8,128}$/

/** Gives every request an id (kept from X-Request-Id when sane), echoes it, and logs the outcome. */
export function requestContextMiddleware(logger: Logger): Middleware<WaqtorState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id')
    ctx.state.requestId = acceptableRequestId.test(incoming) ? incoming : randomUUID()
    ctx.set('X-Request-Id', ctx.state.requestId)
    const started = performance.now()
    try {
      await next()
    } finally {
      logger.info(
        {
          requestId: ctx.state.requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          caller: ctx.state.principal ? `${ctx.state.principal.kind}:${ctx.state.principal.id}` : undefined,
        },
        'request',
      )
    }
  }
}
