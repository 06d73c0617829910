import type { Middleware } from 'koa'
import type { Logger } from '../logging/create-logger.ts'
import { AppError, TooManyRequestsError } from '../errors/app-error.ts'
import type { WaqtorState } from './api-context.ts'

interface HttpLikeError {
  status?: number
  statusCode?: number
  type?: string
  expose?: boolean
  message?: string
}

/**
 * Every failure leaves as `{ error: { code, message, details } }`. Unexpected errors are logged
 * with the request id and answered with a generic 500: no stack trace reaches the client.
 */
export function errorMiddleware(logger: Logger): Middleware<WaqtorState> {
  return async (ctx, next) => {
    try {
      await next()
    } catch (caught) {
      const error = normalize(caught)
      // Our own failures are errors; an upstream refusal we report to the caller (exposed 502) is a warning.
      if (error.status >= 500) {
        const level = error.expose ? 'warn' : 'error'
        logger[level]({ err: caught, requestId: ctx.state.requestId, method: ctx.method, path: ctx.path }, 'request failed')
      }
      if (error instanceof TooManyRequestsError) ctx.set('Retry-After', String(error.retryAfterSeconds))
      ctx.status = error.status
      ctx.body = {
        error: {
          code: error.code,
          message: error.expose ? error.message : 'Internal server error',
          details: error.expose ? (error.details ?? null) : { requestId: ctx.state.requestId },
        },
      }
    }
  }
}

function normalize(caught: unknown): AppError {
  if (caught instanceof AppError) return caught
  const httpError = (caught ?? {}) as HttpLikeError
  const status = httpError.status ?? httpError.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (httpError.type === 'entity.parse.failed' || (status === 400 && caught instanceof SyntaxError)) {
      return new AppError('INVALID_JSON', `body: malformed JSON (${httpError.message ?? 'parse error'})`, { status: 400, details: [{ field: 'body', message: 'malformed JSON' }] })
    }
    if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'body: the request body is too large', { status })
    if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'body: send application/json', { status })
    return new AppError('HTTP_ERROR', httpError.expose === false ? 'Request failed' : (httpError.message ?? 'Request failed'), { status })
  }
  return new AppError('INTERNAL_ERROR', 'Internal server error', { status: 500, expose: false, cause: caught })
}
