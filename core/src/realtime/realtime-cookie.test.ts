import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { RealtimeClients, record, request, waitFor } from './test-fixtures/realtime-client.ts'

/** Logs in over HTTP like the panel and returns the `name=value` part of the cookie it was given. */
async function loginCookie(harness: TestKernel): Promise<string> {
  const response = await fetch(`${harness.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: harness.admin.email, password: harness.admin.password }),
  })
  expect(response.status).toBe(200)
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('waqtor_token='))
  expect(cookie).toMatch(/HttpOnly/i)
  return cookie!.split(';')[0]!
}

describe('realtime handshake with the panel login cookie', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  it('accepts the cookie of POST /api/auth/login from the same origin, without auth.token, and delivers events', async () => {
    const cookie = await loginCookie(harness)
    const socket = await clients.connect({ headers: { cookie, origin: harness.url } })
    const received = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['sessions'] })).toEqual({ ok: true })
    await harness.createSession('cookie-shop')
    await waitFor('session.ready of the new session', () => received.some((item) => item.event === 'session.ready' && item.payload.sessionId === 'cookie-shop'))
  })

  it('refuses a cookie that holds no valid login token, and an API key put in the cookie', async () => {
    const refused = await clients.refusal({ headers: { cookie: 'waqtor_token=not-a-real-token', origin: harness.url } })
    expect(refused.code).toBe('INVALID_CREDENTIALS')
    const { key } = await harness.createApiKey('admin')
    expect((await clients.refusal({ headers: { cookie: `waqtor_token=${key}`, origin: harness.url } })).code).toBe('INVALID_CREDENTIALS')
    expect((await clients.connect({ token: key })).connected).toBe(true)
  })

  it('refuses the cookie of a login that ended', async () => {
    const cookie = await loginCookie(harness)
    const logout = await fetch(`${harness.url}/api/auth/logout`, { method: 'POST', headers: { cookie } })
    expect(logout.status).toBe(204)
    expect((await clients.refusal({ headers: { cookie, origin: harness.url } })).code).toBe('INVALID_CREDENTIALS')
  })

  it('refuses the cookie sent by a page of another origin before looking at it', async () => {
    const cookie = await loginCookie(harness)
    expect((await clients.refusal({ headers: { cookie, origin: 'http://evil.example' } })).code).toBe('ORIGIN_NOT_ALLOWED')
  })

  it('prefers auth.token over the cookie', async () => {
    const refused = await clients.refusal({ token: 'a-wrong-token', headers: { cookie: await loginCookie(harness), origin: harness.url } })
    expect(refused.code).toBe('INVALID_CREDENTIALS')
  })

  it('still says what to send when there is neither a token nor the cookie', async () => {
    const refused = await clients.refusal({ headers: { cookie: 'other=1', origin: harness.url } })
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('cookie') })
  })
})

describe('realtime handshake with the login cookie when handshakes must be signed', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel({ config: { realtimeHmacSecret: 'a-shared-secret-of-the-customer-backend' } })
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  it('refuses the cookie alone: the signature is still required', async () => {
    const refused = await clients.refusal({ headers: { cookie: await loginCookie(harness), origin: harness.url } })
    expect(refused.code).toBe('SIGNATURE_REQUIRED')
  })
})
