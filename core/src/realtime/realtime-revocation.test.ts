import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiKey } from '../db/entities/index.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { credentialsRevokedEvent } from './credential-watch.ts'
import type { RealtimeStatsSnapshot } from './realtime-stats.ts'
import { RealtimeClients, record, request, waitFor, type Received } from './test-fixtures/realtime-client.ts'

const customer = '+966501234567'

/** Whether the server closed the socket, and what it said first. */
function watchClosing(socket: Socket): { reason: string | null; notice: Record<string, unknown> | null } {
  const seen = { reason: null as string | null, notice: null as Record<string, unknown> | null }
  socket.on(credentialsRevokedEvent, (payload: Record<string, unknown>) => {
    seen.notice = payload
  })
  socket.on('disconnect', (reason) => {
    seen.reason = reason
  })
  return seen
}

const inboundBodies = (received: Received[], sessionId: string) =>
  received.filter((item) => item.event === 'message.received' && item.payload.sessionId === sessionId).map((item) => item.payload.body)

describe('realtime connections whose credentials change', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    // A recheck far away: every change below must take effect through the node's own routes.
    harness = await createTestKernel({ config: { realtimeCredentialRecheckSeconds: 3600 } })
    await harness.createSession('a')
    await harness.createSession('b')
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  const inbound = async (sessionId: string, text: string) => {
    const response = await harness.request('POST', `/api/sessions/${sessionId}/sandbox/inbound`, { body: { from: customer, text } })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
  }
  const stats = async () => (await harness.request<RealtimeStatsSnapshot>('GET', '/api/realtime/stats')).body

  it('closes the sockets of a revoked API key at once, saying why, and counts them', async () => {
    const { id, key } = await harness.createApiKey('agent', ['a'])
    const before = (await stats()).revokedDisconnects
    const socket = await clients.connect({ token: key })
    const closing = watchClosing(socket)
    const bystander = await clients.connect({ token: harness.admin.token })

    expect((await harness.request('DELETE', `/api/keys/${id}`)).status).toBe(204)

    expect(closing.reason).toBe('io server disconnect')
    expect(closing.notice).toEqual({ code: 'CREDENTIALS_REVOKED', message: expect.stringContaining('sign in again') })
    expect(bystander.connected).toBe(true)
    expect((await stats()).revokedDisconnects).toBe(before + 1)
  })

  it('checks only the sockets of the key that changed, not every open socket', async () => {
    const changedElsewhere = await harness.createApiKey('viewer', ['a'])
    const revokedHere = await harness.createApiKey('viewer', ['a'])
    const untouched = watchClosing(await clients.connect({ token: changedElsewhere.key }))
    const closed = watchClosing(await clients.connect({ token: revokedHere.key }))
    // Revoked behind this node's back: only a full (periodic) check would see it.
    await harness.kernel.orm.em.fork().nativeUpdate(ApiKey, { id: changedElsewhere.id }, { revokedAt: new Date() })

    expect((await harness.request('DELETE', `/api/keys/${revokedHere.id}`)).status).toBe(204)
    expect(closed.reason).toBe('io server disconnect')
    expect(untouched.reason).toBeNull()

    await harness.kernel.realtime.recheckCredentials()
    await waitFor('the full check to close the other socket', () => untouched.reason !== null)
  })

  it('keeps the sockets while the database cannot be reached, and checks them again once it can', async () => {
    const { id, key } = await harness.createApiKey('viewer', ['a'])
    const socket = await clients.connect({ token: key })
    const closing = watchClosing(socket)
    await harness.kernel.orm.em.fork().nativeUpdate(ApiKey, { id }, { revokedAt: new Date() })
    const unreachable = vi.spyOn(harness.kernel.orm.em, 'fork').mockImplementation(() => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432')
    })
    try {
      await harness.kernel.realtime.recheckCredentials()
    } finally {
      unreachable.mockRestore()
    }
    // Still served: a request over the socket is answered.
    expect(await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'a' })).toEqual({ ok: true })
    expect(closing.reason).toBeNull()

    await harness.kernel.realtime.recheckCredentials()
    await waitFor('the socket to be closed', () => closing.reason !== null)
    expect(closing.reason).toBe('io server disconnect')
  })

  it('closes the sockets of a login that signed out, and keeps the same user’s other logins', async () => {
    const agent = await harness.createUser('agent', ['a'])
    const otherLogin = (await harness.request<{ token: string }>('POST', '/api/auth/login', { anonymous: true, body: { email: agent.email, password: agent.password } })).body.token
    const signingOut = await clients.connect({ token: agent.token })
    const closing = watchClosing(signingOut)
    const staying = await clients.connect({ token: otherLogin })

    expect((await harness.request('POST', '/api/auth/logout', { token: agent.token })).status).toBe(204)

    expect(closing.reason).toBe('io server disconnect')
    expect(closing.notice).toMatchObject({ code: 'CREDENTIALS_REVOKED' })
    expect(staying.connected).toBe(true)
  })

  it('closes every socket of a user an admin disables, and of one an admin deletes', async () => {
    const disabled = await harness.createUser('viewer', ['a'])
    const deleted = await harness.createUser('viewer', ['a'])
    const first = watchClosing(await clients.connect({ token: disabled.token }))
    const second = watchClosing(await clients.connect({ token: deleted.token }))

    expect((await harness.request('PATCH', `/api/users/${disabled.id}`, { body: { disabled: true } })).status).toBe(200)
    expect((await harness.request('DELETE', `/api/users/${deleted.id}`)).status).toBe(204)

    expect(first.reason).toBe('io server disconnect')
    expect(second.reason).toBe('io server disconnect')
  })

  it('stops sending a session’s events to a user whose grant for it was withdrawn, and keeps the rest', async () => {
    const agent = await harness.createUser('agent', ['a', 'b'])
    const socket = await clients.connect({ token: agent.token })
    const received = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['messages'] })).toEqual({ ok: true })
    await inbound('b', 'before: b')
    await waitFor('the message on b', () => inboundBodies(received, 'b').includes('before: b'))

    expect((await harness.request('PATCH', `/api/users/${agent.id}`, { body: { sessions: ['a'] } })).status).toBe(200)
    await inbound('b', 'after: b')
    await inbound('a', 'after: a')
    await waitFor('the message on a', () => inboundBodies(received, 'a').includes('after: a'))

    expect(socket.connected).toBe(true)
    expect(inboundBodies(received, 'b')).toEqual(['before: b'])
    const refused = await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'b' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_FOUND' } })
  })

  it('narrows an API key’s subscriptions when its session grants change', async () => {
    const { id, key } = await harness.createApiKey('viewer', ['a', 'b'])
    const socket = await clients.connect({ token: key })
    const received = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'b' })).toEqual({ ok: true })

    expect((await harness.request('PATCH', `/api/keys/${id}`, { body: { sessions: ['a'] } })).status).toBe(200)
    await inbound('b', 'not for the key any more')
    await inbound('a', 'marker')
    const admin = await clients.connect({ token: harness.admin.token })
    const adminSaw = record(admin)
    await request(admin, 'subscribe', { topics: ['messages'], sessionId: 'b' })
    await inbound('b', 'seen by the admin')
    await waitFor('the admin to see b', () => inboundBodies(adminSaw, 'b').includes('seen by the admin'))

    expect(inboundBodies(received, 'b')).toEqual([])
  })

  it('turns an "every session" subscription into the granted sessions when a key stops being an admin key', async () => {
    const { id, key } = await harness.createApiKey('admin')
    const socket = await clients.connect({ token: key })
    const received = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['messages'] })).toEqual({ ok: true })
    // Changed in the database directly, as another node (or an operator) would.
    await harness.kernel.orm.em.fork().nativeUpdate(ApiKey, { id }, { role: 'agent', sessions: ['a'] })
    await harness.kernel.realtime.recheckCredentials()

    await inbound('b', 'after: b')
    await inbound('a', 'after: a')
    await waitFor('the message on a', () => inboundBodies(received, 'a').includes('after: a'))
    expect(socket.connected).toBe(true)
    expect(inboundBodies(received, 'b')).toEqual([])
  })
})

describe('realtime connections checked again on a timer', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel({ config: { realtimeCredentialRecheckSeconds: 1 } })
    await harness.createSession('a')
    await harness.createSession('b')
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  it('closes a socket whose key was revoked in the database by another node', async () => {
    const { id, key } = await harness.createApiKey('agent', ['a'])
    const closing = watchClosing(await clients.connect({ token: key }))
    await harness.kernel.orm.em.fork().nativeUpdate(ApiKey, { id }, { revokedAt: new Date() })

    await waitFor('the periodic check to close the socket', () => closing.reason !== null, 5_000)
    expect(closing).toMatchObject({ reason: 'io server disconnect', notice: { code: 'CREDENTIALS_REVOKED' } })
  })
})
