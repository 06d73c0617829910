import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey, AuthToken } from '../db/entities/index.ts'
import { createTestKernel, type TestKernel, type TestResponse } from '../testing/index.ts'

// The example plugin brings a route on its raw plugin.router: the OpenAPI document lists it as
// undocumented, so the sweeps below cover it too.
const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/plugins')

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: unknown[] }>>
}

function expectError(response: TestResponse, status: number, code: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  expect(response.headers.get('content-type')).toContain('application/json')
  const body = response.body as { error: Record<string, unknown> }
  expect(Object.keys(body)).toEqual(['error'])
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message'])
  expect(body.error.code).toBe(code)
  expect(typeof body.error.message).toBe('string')
}

/** Every documented operation that needs credentials, with path parameters filled with `x`. */
async function protectedOperations(harness: TestKernel): Promise<Array<{ method: string; path: string }>> {
  const document = await harness.request<OpenApiDocument>('GET', '/api/openapi.json')
  expect(document.status).toBe(200)
  const operations: Array<{ method: string; path: string }> = []
  for (const [template, item] of Object.entries(document.body.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (Array.isArray(operation.security) && operation.security.length === 0) continue
      operations.push({ method: method.toUpperCase(), path: template.replace(/\{[^}]+\}/g, 'x') })
    }
  }
  return operations
}

describe('every route needs credentials', () => {
  let harness: TestKernel
  let operations: Array<{ method: string; path: string }>

  beforeAll(async () => {
    harness = await createTestKernel({ builtinPlugins: true, pluginDirs: [examplesDir] })
    operations = await protectedOperations(harness)
  })
  afterAll(async () => {
    await harness.close()
  })

  it('finds the core operations in the OpenAPI document, so the sweep below is not empty', () => {
    const names = operations.map((operation) => `${operation.method} ${operation.path}`)
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/auth/me',
        'POST /api/auth/logout',
        'POST /api/auth/password',
        'GET /api/users',
        'POST /api/users',
        'PATCH /api/users/x',
        'DELETE /api/keys/x',
        'GET /api/plugins',
        'PUT /api/sessions/x/plugins/x',
        'GET /api/plugins/contact-counter/counts/x',
      ]),
    )
    expect(names).not.toContain('POST /api/auth/login')
  })

  it('answers 401 UNAUTHORIZED to every protected operation called anonymously', async () => {
    for (const operation of operations) {
      const response = await harness.request(operation.method, operation.path, { anonymous: true })
      expectError(response, 401, 'UNAUTHORIZED')
    }
  })

  it('answers 401 INVALID_CREDENTIALS to every protected operation called with a made-up token', async () => {
    for (const operation of operations) {
      const response = await harness.request(operation.method, operation.path, { token: 'not-a-real-token' })
      expectError(response, 401, 'INVALID_CREDENTIALS')
    }
  })

  it('protects the OpenAPI document, /metrics, unknown /api paths and undocumented plugin routes', async () => {
    for (const urlPath of ['/api/openapi.json', '/metrics', '/api/nope', '/api/plugins/contact-counter/counts/x']) {
      expectError(await harness.request('GET', urlPath, { anonymous: true }), 401, 'UNAUTHORIZED')
    }
  })

  it('serves health, readiness, login and the docs page without credentials', async () => {
    expect((await harness.request('GET', '/health', { anonymous: true })).status).toBe(200)
    expect((await harness.request('GET', '/ready', { anonymous: true })).status).toBe(200)
    expect((await harness.request('GET', '/docs', { anonymous: true })).status).toBe(200)
    const login = await harness.request<{ token: string }>('POST', '/api/auth/login', {
      anonymous: true,
      body: { email: harness.admin.email, password: harness.admin.password },
    })
    expect(login.status).toBe(200)
    expect(login.body.token).toEqual(expect.any(String))
  })

  it('refuses malformed credentials in every place they can be sent', async () => {
    expectError(await harness.request('GET', '/api/auth/me', { apiKey: 'wqk_made-up' }), 401, 'INVALID_CREDENTIALS')
    expectError(await harness.request('GET', '/api/auth/me', { apiKey: harness.admin.token }), 401, 'INVALID_CREDENTIALS')
    expectError(await harness.request('GET', '/api/auth/me', { token: 'wqk_made-up' }), 401, 'INVALID_CREDENTIALS')
    expectError(await harness.request('GET', '/api/auth/me', { anonymous: true, headers: { cookie: 'waqtor_token=made-up' } }), 401, 'INVALID_CREDENTIALS')
  })

  it('refuses a token that has expired', async () => {
    const user = await harness.createUser('viewer')
    expect((await harness.request('GET', '/api/auth/me', { token: user.token })).status).toBe(200)
    await harness.kernel.orm.em.fork().nativeUpdate(AuthToken, { userId: user.id }, { expiresAt: new Date(Date.now() - 1000) })
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
  })

  it('refuses an API key that has expired', async () => {
    const key = await harness.createApiKey('viewer')
    expect((await harness.request('GET', '/api/auth/me', { apiKey: key.key })).status).toBe(200)
    await harness.kernel.orm.em.fork().nativeUpdate(ApiKey, { id: key.id }, { expiresAt: new Date(Date.now() - 1000) })
    expectError(await harness.request('GET', '/api/auth/me', { apiKey: key.key }), 401, 'INVALID_CREDENTIALS')
    expectError(await harness.request('GET', '/api/auth/me', { token: key.key }), 401, 'INVALID_CREDENTIALS')
  })

  it('refuses a revoked API key and a logged-out token', async () => {
    const key = await harness.createApiKey('viewer')
    expect((await harness.request('DELETE', `/api/keys/${key.id}`)).status).toBe(204)
    expectError(await harness.request('GET', '/api/auth/me', { apiKey: key.key }), 401, 'INVALID_CREDENTIALS')

    const user = await harness.createUser('viewer')
    expect((await harness.request('POST', '/api/auth/logout', { token: user.token })).status).toBe(204)
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
  })
})
