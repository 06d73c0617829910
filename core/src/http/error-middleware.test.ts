import { Writable } from 'node:stream'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError, NotFoundError, TooManyRequestsError } from '../errors/app-error.ts'
import { createLogger } from '../logging/create-logger.ts'
import type { WaqtorState } from './api-context.ts'
import { errorMiddleware } from './error-middleware.ts'
import { listenOnLoopback, type ListeningApp } from './test-fixtures/listen-on-loopback.ts'

// A bare Koa app whose only route throws whatever the test asks for, behind the real middleware.
const failures: Record<string, () => unknown> = {
  '/plain-error': () => new Error('secret detail: db password is hunter2'),
  '/type-error': () => new TypeError('Cannot read properties of undefined (reading "secret detail")'),
  '/thrown-string': () => 'secret detail as a string',
  '/hidden-app-error': () => new AppError('UPSTREAM_DOWN', 'secret detail of upstream', { status: 502 }),
  '/not-found': () => new NotFoundError('THING_NOT_FOUND', 'thing 42'),
  '/rate-limited': () => new TooManyRequestsError(17),
  '/http-413': () => Object.assign(new Error('request entity too large'), { status: 413, expose: true }),
  '/http-400-hidden': () => Object.assign(new Error('secret detail in a 4xx'), { status: 400, expose: false }),
}

describe('errorMiddleware', () => {
  const logLines: string[] = []
  let served: ListeningApp

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString())
        done()
      },
    })
    const app = new Koa<WaqtorState>()
    app.use(async (ctx, next) => {
      ctx.state.requestId = 'req-test-0001'
      await next()
    })
    app.use(errorMiddleware(createLogger('debug', destination)))
    app.use((ctx) => {
      const failure = failures[ctx.path]
      if (!failure) return
      throw failure()
    })
    served = await listenOnLoopback(app)
  })
  afterAll(async () => {
    await served.close()
  })

  async function call(urlPath: string): Promise<{ status: number; headers: Headers; text: string; body: { error: { code: string; message: string; details: unknown } } }> {
    const response = await fetch(`${served.url}${urlPath}`)
    const text = await response.text()
    expect(response.headers.get('content-type')).toContain('application/json')
    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) }
  }

  it('answers an unexpected error with a generic 500 that leaks neither message nor stack', async () => {
    for (const urlPath of ['/plain-error', '/type-error', '/thrown-string']) {
      const response = await call(urlPath)
      expect(response.status).toBe(500)
      expect(response.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error', details: { requestId: 'req-test-0001' } } })
      expect(response.text).not.toContain('secret detail')
      expect(response.text).not.toMatch(/\bat .*\.(ts|js):\d+/)
      expect(response.text).not.toContain('stack')
    }
  })

  it('hides the message of a 5xx AppError but keeps its code', async () => {
    const response = await call('/hidden-app-error')
    expect(response.status).toBe(502)
    expect(response.body.error).toEqual({ code: 'UPSTREAM_DOWN', message: 'Internal server error', details: { requestId: 'req-test-0001' } })
    expect(response.text).not.toContain('secret detail')
  })

  it('logs the unexpected error, with its stack, for the operator', async () => {
    await call('/plain-error')
    const logged = logLines.map((line) => JSON.parse(line) as { msg: string; requestId?: string; path?: string; err?: { message: string; stack: string } })
    const entry = logged.find((line) => line.msg === 'request failed' && line.path === '/plain-error')
    expect(entry?.requestId).toBe('req-test-0001')
    expect(entry?.err?.message).toContain('secret detail')
    expect(entry?.err?.stack).toContain('error-middleware.test.ts')
  })

  it('passes client errors through with their code, message and details', async () => {
    const notFound = await call('/not-found')
    expect(notFound.status).toBe(404)
    expect(notFound.body).toEqual({ error: { code: 'THING_NOT_FOUND', message: 'Not found: thing 42', details: null } })

    const limited = await call('/rate-limited')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('17')
    expect(limited.body.error).toEqual({ code: 'RATE_LIMITED', message: 'Too many requests', details: { retryAfterSeconds: 17 } })
  })

  it('maps errors thrown by Koa middleware (http-errors) onto the same shape', async () => {
    const tooLarge = await call('/http-413')
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    const hidden = await call('/http-400-hidden')
    expect(hidden.status).toBe(400)
    expect(hidden.body.error).toEqual({ code: 'HTTP_ERROR', message: 'Request failed', details: null })
    expect(hidden.text).not.toContain('secret detail')
  })
})
