import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageAck, messageReceived } from '../bus/core-events.ts'
import { Session } from '../db/entities/index.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { expectError, fieldsOf, type MessagePage, type SessionDetail } from './test-fixtures/api-responses.ts'
import { waitForEvent, waitUntil } from './test-fixtures/wait-for-event.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20], reconnectBaseDelayMs: 10, reconnectMaxDelayMs: 50, reconnectMaxAttempts: 2 }

describe('a kernel restart restores the sessions', () => {
  let harness: TestKernel
  const phones: Record<string, string | null> = {}

  const detail = async (clientId: string) => (await harness.request<SessionDetail>('GET', `/api/sessions/${clientId}`)).body

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
    for (const clientId of ['keep', 'rest']) {
      const created = await harness.request<SessionDetail>('POST', '/api/sessions/create', { body: { clientId, driver: 'sandbox' } })
      phones[clientId] = created.body.phone
    }
    const received = waitForEvent(harness.kernel.bus, messageReceived, (event) => event.sessionId === 'rest')
    const read = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'keep' && event.ackName === 'read')
    expect((await harness.request('POST', '/api/messages/send-text?clientId=keep', { body: { to: phones.rest, text: 'see you after the restart' } })).status).toBe(201)
    await Promise.all([received, read])
    expect((await harness.request('POST', '/api/sessions/rest/stop')).status).toBe(200)
    // A whatsapp-web session someone stopped earlier (no browser needs to run for it).
    const now = new Date()
    const em = harness.kernel.orm.em.fork()
    em.create(Session, { clientId: 'browser', name: 'Front desk phone', driver: 'whatsapp-web', status: 'stopped', desiredState: 'stopped', phone: null, lastError: null, createdAt: now, updatedAt: now })
    await em.flush()

    harness = await harness.restart()
  })
  afterAll(async () => {
    await harness.close()
  })

  it('brings a running session back, ready, with the same number', async () => {
    const keep = await waitUntil(() => detail('keep'), (session) => session.status === 'ready')
    expect(keep).toMatchObject({ status: 'ready', desiredState: 'running', phone: phones.keep, lastError: null })
    const sent = await harness.request('POST', '/api/messages/send-text?clientId=keep', { body: { to: '+15550105555', text: 'after the restart' } })
    expect(sent.status).toBe(201)
  })

  it('leaves a stopped session stopped until it is started, with the same number', async () => {
    expect(await detail('rest')).toMatchObject({ status: 'stopped', desiredState: 'stopped', phone: phones.rest })
    expect((await detail('browser')).status).toBe('stopped')
    const started = await harness.request<SessionDetail>('POST', '/api/sessions/rest/start')
    expect(started.body).toMatchObject({ status: 'ready', phone: phones.rest })
  })

  it('keeps the messages and their final ACKs', async () => {
    const sent = await harness.request<MessagePage>('GET', '/api/messages?clientId=keep')
    expect(sent.body.items).toContainEqual(expect.objectContaining({ body: 'see you after the restart', direction: 'out', ackName: 'read' }))
    const received = await harness.request<MessagePage>('GET', '/api/messages?clientId=rest')
    expect(received.body.items).toEqual([expect.objectContaining({ body: 'see you after the restart', direction: 'in' })])
    expect((await detail('rest')).stats.messages).toEqual({ sent: 0, received: 1, failed: 0 })
  })

  it('refuses the sandbox controls for a session of another driver with a 400', async () => {
    const inbound = expectError(await harness.request('POST', '/api/sessions/browser/sandbox/inbound', { body: { from: '+966501234567', text: 'hi' } }), 400, 'SESSION_NOT_SANDBOX')
    expect(fieldsOf(inbound)).toEqual(['params.clientId'])
    expect(inbound.message).toContain('whatsapp-web')
    expectError(await harness.request('POST', '/api/sessions/browser/sandbox/failures', { body: { disconnect: true } }), 400, 'SESSION_NOT_SANDBOX')
    expect((await detail('browser')).stats.browser).toMatchObject({ rssBytes: null, recycles: 0 })
  })
})
