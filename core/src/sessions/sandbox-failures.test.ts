import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageAck, sessionDisconnected, sessionStatusChanged } from '../bus/core-events.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { expectError, fieldsOf, type MessagePage, type MessageView, type SessionDetail } from './test-fixtures/api-responses.ts'
import { recordEvents, waitForEvent } from './test-fixtures/wait-for-event.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20], reconnectBaseDelayMs: 10, reconnectMaxDelayMs: 50, reconnectMaxAttempts: 2 }

describe('sandbox failures on demand and recovery', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
    await harness.createSession('a')
  })
  afterAll(async () => {
    await harness.close()
  })

  const inject = (clientId: string, body: unknown) => harness.request('POST', `/api/sessions/${clientId}/sandbox/failures`, { body })
  const send = (text: string) => harness.request<MessageView>('POST', '/api/messages/send-text?clientId=a', { body: { to: '+15550102222', text } })
  const detail = async (clientId: string) => (await harness.request<SessionDetail>('GET', `/api/sessions/${clientId}`)).body

  it('fails the next send with ACK -1 (error), counts it, and lets the one after through', async () => {
    expect((await inject('a', { failNextSends: 1 })).status).toBe(200)
    const failedAck = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a' && event.ack === -1)
    const doomed = await send('will fail')
    expect(doomed.status).toBe(201)
    expect((await failedAck).messageId).toBe(doomed.body.id)
    expect((await harness.request<MessageView>('GET', `/api/messages/${encodeURIComponent(doomed.body.id)}`)).body).toMatchObject({ ack: -1, ackName: 'error' })

    const read = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a' && event.ackName === 'read')
    const fine = await send('will arrive')
    expect((await read).messageId).toBe(fine.body.id)
    expect((await detail('a')).stats.messages).toEqual({ sent: 2, received: 0, failed: 1 })
  })

  it('drops the connection on demand: disconnected, then ready again by itself', async () => {
    const before = await detail('a')
    const statuses = recordEvents(harness.kernel.bus, sessionStatusChanged, (event) => event.sessionId === 'a')
    const disconnected = waitForEvent(harness.kernel.bus, sessionDisconnected, (event) => event.sessionId === 'a')
    const back = waitForEvent(harness.kernel.bus, sessionStatusChanged, (event) => event.sessionId === 'a' && event.status === 'ready')

    expect((await inject('a', { disconnect: true })).status).toBe(200)
    expect((await disconnected).reason).toContain('disconnect injected')
    await back
    await harness.kernel.bus.idle()
    statuses.dispose()
    expect(statuses.events.map((event) => event.status)).toEqual(['disconnected', 'starting', 'authenticated', 'ready'])
    expect(statuses.events[0]?.error).toMatch(/disconnected: sandbox: disconnect injected; reconnect 1\/2/)

    const after = await detail('a')
    expect(after).toMatchObject({ status: 'ready', phone: before.phone, lastError: null, nextRetryAt: null })
    expect(after.reconnects).toBeGreaterThanOrEqual(1)
    const sent = await send('after the reconnect')
    expect(sent.status).toBe(201)
  })

  it('refuses bad failure requests with a 400 naming the field', async () => {
    expect(fieldsOf(expectError(await inject('a', { failNextSends: -1 }), 400, 'VALIDATION_FAILED'))).toEqual(['body.failNextSends'])
    expect(fieldsOf(expectError(await inject('a', { explode: true }), 400, 'VALIDATION_FAILED'))).toEqual(['body.explode'])
    expectError(await inject('nobody', { disconnect: true }), 404, 'SESSION_NOT_FOUND')
  })

  it('answers 409 SESSION_NOT_READY for failures and inbound messages of a stopped session', async () => {
    await harness.createSession('sleepy')
    expect((await harness.request('POST', '/api/sessions/sleepy/stop')).status).toBe(200)
    expectError(await inject('sleepy', { disconnect: true }), 409, 'SESSION_NOT_READY')
    expectError(await harness.request('POST', '/api/sessions/sleepy/sandbox/inbound', { body: { from: '+966501234567', text: 'hi' } }), 409, 'SESSION_NOT_READY')
  })

  it('simulates an inbound message that is stored and counted as received', async () => {
    const inbound = await harness.request<{ messageId: string; chatId: string }>('POST', '/api/sessions/a/sandbox/inbound', { body: { from: '+966501234567', text: 'is the flat free?' } })
    expect(inbound.status, JSON.stringify(inbound.body)).toBe(201)
    expect(inbound.body.chatId).toBe('966501234567@c.us')
    // The route answers once the message is stored.
    const page = await harness.request<MessagePage>('GET', '/api/messages?clientId=a&chatId=966501234567')
    expect(page.body.items).toEqual([expect.objectContaining({ id: inbound.body.messageId, direction: 'in', body: 'is the flat free?', from: '966501234567@c.us' })])
    expect((await detail('a')).stats.messages.received).toBe(1)
    expect(fieldsOf(expectError(await harness.request('POST', '/api/sessions/a/sandbox/inbound', { body: { from: '12ab', text: 'x' } }), 400, 'VALIDATION_FAILED'))).toEqual(['body.from'])
  })
})
