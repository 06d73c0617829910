import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'

// The panel asks this on every load, the sign-in page included: it must never answer 401.
describe('GET /api/auth/session', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
    await harness.createSession('shop')
  })
  afterAll(async () => {
    await harness.close()
  })

  it('answers 200 signed out without credentials', async () => {
    const probe = await harness.request('GET', '/api/auth/session', { anonymous: true })
    expect(probe.status).toBe(200)
    expect(probe.body).toEqual({ authenticated: false, me: null })
  })

  it('answers 200 signed out for a made-up, expired or revoked login cookie', async () => {
    const probe = await harness.request('GET', '/api/auth/session', { anonymous: true, headers: { cookie: 'waqtor_token=not-a-real-token' } })
    expect(probe.status).toBe(200)
    expect(probe.body).toEqual({ authenticated: false, me: null })

    const user = await harness.createUser('viewer')
    await harness.request('POST', '/api/auth/logout', { token: user.token })
    const revoked = await harness.request('GET', '/api/auth/session', { token: user.token })
    expect(revoked.body).toEqual({ authenticated: false, me: null })
  })

  it('describes the caller as /api/auth/me does when signed in', async () => {
    const user = await harness.createUser('agent', ['shop'])
    const probe = await harness.request<{ authenticated: boolean; me: unknown }>('GET', '/api/auth/session', { token: user.token })
    const me = await harness.request('GET', '/api/auth/me', { token: user.token })
    expect(probe.status).toBe(200)
    expect(probe.body.authenticated).toBe(true)
    expect(probe.body.me).toEqual(me.body)
    expect(me.body).toMatchObject({ kind: 'user', role: 'agent', sessions: ['shop'] })
  })
})
