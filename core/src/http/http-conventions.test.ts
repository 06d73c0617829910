import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type RequestOptions, type TestKernel, type TestResponse } from '../testing/index.ts'

type ErrorBody = { error: { code: string; message: string; details: unknown } }

function expectError(response: TestResponse, status: number, code: string): ErrorBody['error'] {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  expect(response.headers.get('content-type')).toContain('application/json')
  const body = response.body as ErrorBody
  expect(Object.keys(body)).toEqual(['error'])
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message'])
  expect(body.error.code).toBe(code)
  return body.error
}

const validUser = { email: 'shape@test.local', name: 'Shape', password: 'a-long-enough-password', role: 'viewer' }

describe('HTTP conventions', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterAll(async () => {
    await harness.close()
  })

  it('answers malformed JSON with 400 INVALID_JSON naming the body', async () => {
    const error = expectError(await harness.request('POST', '/api/users', { body: '{"email": "a@b.c",' }), 400, 'INVALID_JSON')
    expect(error.details).toEqual([{ field: 'body', message: 'malformed JSON' }])
  })

  it('names each field of the wrong type', async () => {
    const response = await harness.request('POST', '/api/users', { body: { ...validUser, role: 42, sessions: 'a' } })
    const error = expectError(response, 400, 'VALIDATION_FAILED')
    expect(error.details).toEqual([
      { field: 'body.role', message: expect.stringContaining('viewer') },
      { field: 'body.sessions', message: expect.stringContaining('expected array') },
    ])
    expect(error.message).toContain('body.role')
  })

  it('names nested fields with their index', async () => {
    const response = await harness.request('POST', '/api/keys', { body: { name: 'k', role: 'agent', sessions: ['ok', 'NOT VALID'] } })
    expect(expectError(response, 400, 'VALIDATION_FAILED').details).toEqual([{ field: 'body.sessions.1', message: expect.any(String) }])
  })

  it('says "is required" for each missing field, also when the whole body is missing', async () => {
    const response = await harness.request('POST', '/api/users', { body: { name: 'Only a name' } })
    expect(expectError(response, 400, 'VALIDATION_FAILED').details).toEqual([
      { field: 'body.email', message: 'is required' },
      { field: 'body.password', message: 'is required' },
      { field: 'body.role', message: 'is required' },
    ])
    const noBody = await harness.request('POST', '/api/keys')
    expect(expectError(noBody, 400, 'VALIDATION_FAILED').details).toEqual([
      { field: 'body.name', message: 'is required' },
      { field: 'body.role', message: 'is required' },
    ])
  })

  it('names query and path parameters too', async () => {
    const query = await harness.request('GET', '/api/keys?includeRevoked=maybe')
    expect(expectError(query, 400, 'VALIDATION_FAILED').details).toEqual([{ field: 'query.includeRevoked', message: expect.any(String) }])
    const params = await harness.request('GET', '/api/sessions/Bad%20Id/plugins')
    expect(expectError(params, 400, 'VALIDATION_FAILED').details).toEqual([{ field: 'params.clientId', message: expect.any(String) }])
  })

  it('answers unknown routes with a JSON 404, inside and outside /api', async () => {
    expect(expectError(await harness.request('GET', '/api/nope'), 404, 'ROUTE_NOT_FOUND').message).toContain('/api/nope')
    expectError(await harness.request('POST', '/api/users/x/y/z', { body: {} }), 404, 'ROUTE_NOT_FOUND')
    expectError(await harness.request('GET', '/nope', { anonymous: true }), 404, 'ROUTE_NOT_FOUND')
    expectError(await harness.request('GET', '/docs/not-an-asset.js', { anonymous: true }), 404, 'ROUTE_NOT_FOUND')
  })

  it('answers a wrong method on a known path with a JSON 405 and an Allow header', async () => {
    const cases: Array<[string, string, RequestOptions, string]> = [
      ['PUT', '/api/users', {}, 'GET'],
      ['DELETE', '/api/auth/login', { anonymous: true }, 'POST'],
      ['POST', '/health', { anonymous: true }, 'GET'],
      ['PATCH', '/api/sessions/x/plugins', {}, 'GET'],
    ]
    for (const [method, urlPath, options, allowed] of cases) {
      const response = await harness.request(method, urlPath, options)
      const error = expectError(response, 405, 'METHOD_NOT_ALLOWED')
      expect(response.headers.get('allow')?.split(/,\s*/)).toContain(allowed)
      expect(error.details).toEqual({ allow: expect.arrayContaining([allowed]) })
    }
  })

  it('answers a method the server does not implement with a JSON 501', async () => {
    const response = await harness.request('PROPFIND', '/api/users')
    expectError(response, 501, 'METHOD_NOT_IMPLEMENTED')
    expect(response.headers.get('allow')).toContain('POST')
  })

  it('puts an X-Request-Id on every error, and keeps a sane one sent by the client', async () => {
    const user = await harness.createUser('viewer')
    const failures = [
      await harness.request('POST', '/api/users', { body: '{' }),
      await harness.request('GET', '/api/users', { anonymous: true }),
      await harness.request('GET', '/api/users', { token: user.token }),
      await harness.request('GET', '/nope', { anonymous: true }),
      await harness.request('DELETE', '/health', { anonymous: true }),
      await harness.request('POST', '/api/users', { body: { ...validUser, email: harness.admin.email } }),
    ]
    expect(failures.map((response) => response.status)).toEqual([400, 401, 403, 404, 405, 409])
    const ids = failures.map((response) => response.headers.get('x-request-id'))
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._-]{8,128}$/)
    expect(new Set(ids).size).toBe(ids.length)

    const echoed = await harness.request('GET', '/nope', { anonymous: true, headers: { 'x-request-id': 'trace-abc-12345' } })
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc-12345')
    const replaced = await harness.request('GET', '/nope', { anonymous: true, headers: { 'x-request-id': 'bad id with spaces' } })
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id with spaces')
    expect(replaced.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{8,128}$/)
  })

  it('turns a body over the size limit into a JSON 413', async () => {
    const response = await harness.request('POST', '/api/users', { body: { ...validUser, name: 'x'.repeat(1_100_000) } })
    expectError(response, 413, 'PAYLOAD_TOO_LARGE')
  })
})
