import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel, type TestResponse } from '../testing/index.ts'

function expectRateLimited(response: TestResponse): void {
  expect(response.status, JSON.stringify(response.body)).toBe(429)
  expect(response.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } } })
  const retryAfter = response.headers.get('retry-after') ?? ''
  expect(retryAfter).toMatch(/^[1-9]\d*$/)
  expect(Number(retryAfter)).toBeLessThanOrEqual(60)
  expect(response.headers.get('x-request-id')).toBeTruthy()
}

describe('rate limits', () => {
  let harness: TestKernel

  beforeAll(async () => {
    // The admin spends 3 of its 5 requests below (two keys, one user); the harness's own login is not counted.
    harness = await createTestKernel({ config: { rateLimitPerMinute: 5, loginRateLimitPerMinute: 3 } })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('refuses the 6th request of a key in a minute, while another key is still served', async () => {
    const busy = await harness.createApiKey('viewer')
    const quiet = await harness.createApiKey('viewer')
    const remaining: string[] = []
    for (let index = 0; index < 5; index++) {
      const response = await harness.request('GET', '/api/auth/me', { apiKey: busy.key })
      expect(response.status).toBe(200)
      expect(response.headers.get('ratelimit-limit')).toBe('5')
      remaining.push(response.headers.get('ratelimit-remaining') ?? '')
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0'])

    expectRateLimited(await harness.request('GET', '/api/auth/me', { apiKey: busy.key }))
    // The same key sent as a bearer token is the same caller.
    expectRateLimited(await harness.request('GET', '/api/plugins', { token: busy.key }))
    expect((await harness.request('GET', '/api/auth/me', { apiKey: quiet.key })).status).toBe(200)
  })

  it('refuses the 4th login attempt for one e-mail even with the right password, but not other e-mails', async () => {
    const email = 'limited@test.local'
    const password = 'the-right-password'
    const created = await harness.request('POST', '/api/users', { body: { email, name: 'Limited', password, role: 'viewer' } })
    expect(created.status).toBe(201)

    const attempt = (tried: string, pass: string) => harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: tried, password: pass } })
    expect((await attempt(email, 'wrong-password')).status).toBe(401)
    expect((await attempt(email, 'wrong-password')).status).toBe(401)
    expect((await attempt(email, password)).status).toBe(200)
    expectRateLimited(await attempt(email, password))
    // The e-mail is counted case-insensitively, so changing its case does not get round the limit.
    expectRateLimited(await attempt(email.toUpperCase(), password))

    expect((await attempt(harness.admin.email, harness.admin.password)).status).toBe(200)
  })
})
