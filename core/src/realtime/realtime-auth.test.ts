import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { signHandshake } from './signed-handshake.ts'
import { RealtimeClients } from './test-fixtures/realtime-client.ts'

describe('realtime handshake', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel()
    await harness.createSession('a')
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  it('refuses a client without credentials, saying what to send', async () => {
    const refused = await clients.refusal()
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(refused.message).toMatch(/token/)
  })

  it('refuses a wrong token and a revoked API key', async () => {
    expect((await clients.refusal({ token: 'not-a-real-token' })).code).toBe('INVALID_CREDENTIALS')
    const { id, key } = await harness.createApiKey('agent', ['a'])
    await clients.connect({ token: key })
    expect((await harness.request('DELETE', `/api/keys/${id}`)).status).toBeLessThan(300)
    expect((await clients.refusal({ token: key })).code).toBe('INVALID_CREDENTIALS')
  })

  it('accepts a login token and an API key', async () => {
    const admin = await clients.connect({ token: harness.admin.token })
    expect(admin.connected).toBe(true)
    const { key } = await harness.createApiKey('viewer', ['a'])
    expect((await clients.connect({ token: key })).connected).toBe(true)
  })

  it('refuses a browser page of another origin, accepts the same origin and clients without an Origin', async () => {
    const refused = await clients.refusal({ token: harness.admin.token, headers: { origin: 'http://evil.example' } })
    expect(refused).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', message: expect.stringContaining('http://evil.example') })
    expect((await clients.connect({ token: harness.admin.token, headers: { origin: harness.url } })).connected).toBe(true)
    expect((await clients.connect({ token: harness.admin.token })).connected).toBe(true)
  })

  it('offers nothing on the default namespace or for plugins that do not exist', async () => {
    expect((await clients.refusal({ namespace: '/', token: harness.admin.token })).code).toBe('UNKNOWN_NAMESPACE')
    expect((await clients.refusal({ namespace: '/plugins/nope', token: harness.admin.token })).message).toBe('Invalid namespace')
  })
})

describe('realtime handshake with an HMAC secret and an origin allowlist', () => {
  const secret = 'a-shared-secret-of-the-customer-backend'
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)
  const now = () => Math.floor(Date.now() / 1000)

  beforeAll(async () => {
    harness = await createTestKernel({ config: { realtimeHmacSecret: secret, realtimeHmacWindowSeconds: 300, realtimeOrigins: ['https://panel.example'] } })
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  it('accepts a handshake signed with the secret', async () => {
    const token = harness.admin.token
    const timestamp = now()
    const socket = await clients.connect({ auth: { token, timestamp, signature: signHandshake(secret, token, timestamp) } })
    expect(socket.connected).toBe(true)
  })

  it('requires the signature and refuses a wrong one', async () => {
    const token = harness.admin.token
    expect((await clients.refusal({ token })).code).toBe('SIGNATURE_REQUIRED')
    const timestamp = now()
    const forged = signHandshake('some-other-secret-entirely', token, timestamp)
    expect((await clients.refusal({ auth: { token, timestamp, signature: forged } })).code).toBe('SIGNATURE_INVALID')
    const otherToken = signHandshake(secret, 'another-token', timestamp)
    expect((await clients.refusal({ auth: { token, timestamp, signature: otherToken } })).code).toBe('SIGNATURE_INVALID')
  })

  it('refuses a signature older than the window, even a correct one', async () => {
    const token = harness.admin.token
    const stale = now() - 301
    const refused = await clients.refusal({ auth: { token, timestamp: stale, signature: signHandshake(secret, token, stale) } })
    expect(refused.code).toBe('SIGNATURE_EXPIRED')
  })

  it('lets in the listed origins only', async () => {
    const token = harness.admin.token
    const signed = () => {
      const timestamp = now()
      return { token, timestamp, signature: signHandshake(secret, token, timestamp) }
    }
    expect((await clients.connect({ auth: signed(), headers: { origin: 'https://panel.example' } })).connected).toBe(true)
    expect((await clients.refusal({ auth: signed(), headers: { origin: 'http://evil.example' } })).code).toBe('ORIGIN_NOT_ALLOWED')
    // The listed origin replaces same-origin: the server's own address is not listed.
    expect((await clients.refusal({ auth: signed(), headers: { origin: harness.url } })).code).toBe('ORIGIN_NOT_ALLOWED')
  })
})
