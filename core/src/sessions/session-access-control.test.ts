import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageReceived } from '../bus/core-events.ts'
import { createTestKernel, type RequestOptions, type TestKernel, type TestResponse } from '../testing/index.ts'
import { expectError, type MessageView, type SessionDetail, type SessionList } from './test-fixtures/api-responses.ts'
import { waitForEvent } from './test-fixtures/wait-for-event.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20], reconnectBaseDelayMs: 10, reconnectMaxDelayMs: 50, reconnectMaxAttempts: 2 }

describe('sessions and messages are visible only to callers granted them', () => {
  let harness: TestKernel
  let agentOfA: RequestOptions
  let viewerOfA: RequestOptions
  let messageOfB: MessageView
  let phoneA = ''

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
    await harness.createSession('a')
    await harness.createSession('b')
    phoneA = (await harness.request<SessionDetail>('GET', '/api/sessions/a')).body.phone ?? ''
    agentOfA = { apiKey: (await harness.createApiKey('agent', ['a'])).key }
    viewerOfA = { apiKey: (await harness.createApiKey('viewer', ['a'])).key }
    const received = waitForEvent(harness.kernel.bus, messageReceived, (event) => event.sessionId === 'a')
    messageOfB = (await harness.request<MessageView>('POST', '/api/messages/send-text?clientId=b', { body: { to: phoneA, text: 'from b' } })).body
    await received
  })
  afterAll(async () => {
    await harness.close()
  })

  /** Session b must answer exactly like a session that does not exist. */
  async function expectHidden(call: (clientId: string) => Promise<TestResponse>): Promise<void> {
    const hidden = expectError(await call('b'), 404, 'SESSION_NOT_FOUND')
    const missing = expectError(await call('zz'), 404, 'SESSION_NOT_FOUND')
    expect(hidden.message).toBe(missing.message.replace('zz', 'b'))
    expect(hidden.details).toEqual(missing.details)
  }

  it('lets an agent of a work with a', async () => {
    expect((await harness.request('GET', '/api/sessions/a', agentOfA)).status).toBe(200)
    expect((await harness.request('POST', '/api/messages/send-text?clientId=a', { ...agentOfA, body: { to: '+15550106666', text: 'hello' } })).status).toBe(201)
    expect((await harness.request('POST', '/api/sessions/a/restart', agentOfA)).status).toBe(200)
  })

  it('answers 404 for session b to an agent of a, as if b did not exist: read, send, control', async () => {
    await expectHidden((id) => harness.request('GET', `/api/sessions/${id}`, agentOfA))
    await expectHidden((id) => harness.request('GET', `/api/status/client?clientId=${id}`, agentOfA))
    await expectHidden((id) => harness.request('GET', `/api/sessions/${id}/qr`, agentOfA))
    await expectHidden((id) => harness.request('GET', `/api/messages?clientId=${id}`, agentOfA))
    await expectHidden((id) => harness.request('POST', `/api/messages/send-text?clientId=${id}`, { ...agentOfA, body: { to: '+15550106666', text: 'sneaky' } }))
    await expectHidden((id) => harness.request('POST', `/api/messages/send-media?clientId=${id}`, { ...agentOfA, body: { to: '+15550106666', mimetype: 'image/png', data: 'iVBORw0KGgo=' } }))
    for (const action of ['restart', 'stop', 'start']) await expectHidden((id) => harness.request('POST', `/api/sessions/${id}/${action}`, agentOfA))
    await expectHidden((id) => harness.request('POST', `/api/sessions/${id}/sandbox/inbound`, { ...agentOfA, body: { from: '+966501234567', text: 'x' } }))
    await expectHidden((id) => harness.request('POST', `/api/sessions/${id}/sandbox/failures`, { ...agentOfA, body: { disconnect: true } }))
    // Nothing happened to b.
    expect((await harness.request<SessionDetail>('GET', '/api/sessions/b')).body).toMatchObject({ status: 'ready', reconnects: 0, stats: { messages: { sent: 1, received: 0, failed: 0 } } })
  })

  it('hides a message of b from a caller of a, even by its id', async () => {
    const path = `/api/messages/${encodeURIComponent(messageOfB.id)}`
    expect((await harness.request('GET', path)).status).toBe(200)
    const hidden = expectError(await harness.request('GET', path, agentOfA), 404, 'MESSAGE_NOT_FOUND')
    const missing = expectError(await harness.request('GET', '/api/messages/true_0@c.us_NOPE', agentOfA), 404, 'MESSAGE_NOT_FOUND')
    expect(hidden.details).toEqual(missing.details)
    expectError(await harness.request('GET', `${path}?clientId=b`, agentOfA), 404, 'SESSION_NOT_FOUND')
  })

  it('refuses session creation and deletion to an agent (403), whichever session', async () => {
    expectError(await harness.request('POST', '/api/sessions/create', { ...agentOfA, body: { clientId: 'c', driver: 'sandbox' } }), 403, 'FORBIDDEN_ROLE')
    expectError(await harness.request('DELETE', '/api/sessions/b', agentOfA), 403, 'FORBIDDEN_ROLE')
    expectError(await harness.request('DELETE', '/api/sessions/a', agentOfA), 403, 'FORBIDDEN_ROLE')
    const list = await harness.request<SessionList>('GET', '/api/sessions/list')
    expect(list.body.items.map((item) => item.clientId)).toEqual(['a', 'b'])
  })

  it('lets a viewer of a read a but not send or control it (403)', async () => {
    expect((await harness.request('GET', '/api/sessions/a', viewerOfA)).status).toBe(200)
    expect((await harness.request('GET', '/api/messages?clientId=a', viewerOfA)).status).toBe(200)
    expectError(await harness.request('POST', '/api/messages/send-text?clientId=a', { ...viewerOfA, body: { to: '+15550106666', text: 'nope' } }), 403, 'FORBIDDEN_ROLE')
    expectError(await harness.request('POST', '/api/sessions/a/restart', viewerOfA), 403, 'FORBIDDEN_ROLE')
    expectError(await harness.request('POST', '/api/sessions/a/sandbox/inbound', { ...viewerOfA, body: { from: '+966501234567', text: 'x' } }), 403, 'FORBIDDEN_ROLE')
  })

  it('lists only the granted sessions; an admin sees all', async () => {
    for (const caller of [agentOfA, viewerOfA]) {
      const list = await harness.request<SessionList>('GET', '/api/sessions/list', caller)
      expect(list.body.items.map((item) => item.clientId)).toEqual(['a'])
    }
    const user = await harness.createUser('agent', ['b'])
    const ofUser = await harness.request<SessionList>('GET', '/api/sessions/list', { token: user.token })
    expect(ofUser.body.items.map((item) => item.clientId)).toEqual(['b'])
    const nobody = await harness.createApiKey('agent', [])
    expect((await harness.request<SessionList>('GET', '/api/sessions/list', { apiKey: nobody.key })).body.items).toEqual([])
    expect((await harness.request<SessionList>('GET', '/api/sessions/list')).body.items.map((item) => item.clientId)).toEqual(['a', 'b'])
  })
})
