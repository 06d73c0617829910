import { Writable } from 'node:stream'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WaqtorState } from '../http/api-context.ts'
import { errorMiddleware } from '../http/error-middleware.ts'
import { listenOnLoopback, type ListeningApp } from '../http/test-fixtures/listen-on-loopback.ts'
import { createLogger } from '../logging/create-logger.ts'
import { AppError, NotFoundError, TooManyRequestsError } from './app-error.ts'
import type * as AppErrorModule from './app-error.ts'

// A plugin folder with its own node_modules/@waqtor/core (installed for its tests) throws that
// copy's errors. The query string makes the module runner load app-error.ts a second time: a
// second copy with classes of its own, as a second installed package would be.
const secondCopyPath = './app-error.ts?second-copy'
const secondCopy = (await import(/* @vite-ignore */ secondCopyPath)) as typeof AppErrorModule

describe('errors of another copy of @waqtor/core', () => {
  let served: ListeningApp

  beforeAll(async () => {
    const app = new Koa<WaqtorState>()
    app.use(errorMiddleware(createLogger('silent', new Writable({ write: (_chunk, _encoding, done) => done() }))))
    app.use((ctx) => {
      if (ctx.path === '/foreign-not-found') throw new secondCopy.NotFoundError('LEAD_FORM_LEAD_NOT_FOUND', 'lead 42')
      if (ctx.path === '/foreign-input') throw secondCopy.InputError.fields([{ field: 'query.clientId', message: 'is required' }])
    })
    served = await listenOnLoopback(app)
  })
  afterAll(async () => {
    await served.close()
  })

  it('is a real second copy', () => {
    expect(secondCopy.AppError).not.toBe(AppError)
  })

  it('counts as an AppError, while subclasses still check their own class', () => {
    expect(new secondCopy.NotFoundError('X_NOT_FOUND', 'x') instanceof AppError).toBe(true)
    expect(new NotFoundError('X_NOT_FOUND', 'x') instanceof secondCopy.AppError).toBe(true)
    expect(new secondCopy.TooManyRequestsError(5) instanceof TooManyRequestsError).toBe(false)
    expect(new NotFoundError('X_NOT_FOUND', 'x') instanceof TooManyRequestsError).toBe(false)
    expect(new Error('plain') instanceof AppError).toBe(false)
    expect({ code: 'LOOKS_LIKE_ONE', status: 404, expose: true } instanceof AppError).toBe(false)
    expect((null as unknown as object) instanceof AppError).toBe(false)
  })

  it('answers with its status, code, message and details', async () => {
    const notFound = await fetch(`${served.url}/foreign-not-found`)
    expect(notFound.status).toBe(404)
    expect(await notFound.json()).toEqual({ error: { code: 'LEAD_FORM_LEAD_NOT_FOUND', message: 'Not found: lead 42', details: null } })
    const input = await fetch(`${served.url}/foreign-input`)
    expect(input.status).toBe(400)
    expect(await input.json()).toMatchObject({ error: { details: [{ field: 'query.clientId', message: 'is required' }] } })
  })
})
