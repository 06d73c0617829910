import { access } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageReceived, sessionDeleted } from '../bus/core-events.ts'
import { Contact, Message, PendingAck } from '../db/entities/index.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { expectError, fieldsOf, type MessagePage, type MessageView, type SessionDetail, type SessionList } from './test-fixtures/api-responses.ts'
import { recordEvents, waitForEvent } from './test-fixtures/wait-for-event.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20], reconnectBaseDelayMs: 10, reconnectMaxDelayMs: 50, reconnectMaxAttempts: 2 }

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}

describe('session endpoints', () => {
  let harness: TestKernel

  const create = (body: unknown) => harness.request<SessionDetail>('POST', '/api/sessions/create', { body })
  const get = (clientId: string) => harness.request<SessionDetail>('GET', `/api/sessions/${clientId}`)
  const action = (clientId: string, name: 'start' | 'stop' | 'restart') => harness.request<SessionDetail>('POST', `/api/sessions/${clientId}/${name}`)

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('creates a sandbox session that is ready at once, with a phone number and empty stats', async () => {
    const created = await create({ clientId: 'shop', driver: 'sandbox', name: 'The shop' })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ clientId: 'shop', name: 'The shop', driver: 'sandbox', status: 'ready', desiredState: 'running', lastError: null, reconnects: 0, qrPending: false })
    expect(created.body.phone).toMatch(/^\d{7,15}$/)
    expect(created.body.uptimeSeconds).toBeGreaterThanOrEqual(0)
    expect(created.body.stats).toEqual({ messages: { sent: 0, received: 0, failed: 0 }, browser: null })

    const unnamed = await create({ clientId: 'office', driver: 'sandbox' })
    expect(unnamed.status).toBe(201)
    expect(unnamed.body.name).toBe('office')
    expect(unnamed.body.phone).not.toBe(created.body.phone)
  })

  it('refuses a second session with the same clientId and leaves the first alone', async () => {
    const duplicate = await create({ clientId: 'shop', driver: 'sandbox', name: 'Impostor' })
    expectError(duplicate, 409, 'SESSION_EXISTS')
    const shop = await get('shop')
    expect(shop.body).toMatchObject({ name: 'The shop', status: 'ready' })
  })

  it('refuses malformed clientIds with a 400 naming body.clientId, creating nothing', async () => {
    for (const clientId of ['Bad Id', 'x'.repeat(64), '', '-leading-dash', 'ünïcode']) {
      const error = expectError(await create({ clientId, driver: 'sandbox' }), 400, 'VALIDATION_FAILED')
      expect(fieldsOf(error), clientId).toEqual(['body.clientId'])
    }
    const longest = await create({ clientId: 'y'.repeat(63), driver: 'sandbox' })
    expect(longest.status).toBe(201)
    expect((await harness.request('DELETE', `/api/sessions/${'y'.repeat(63)}`)).status).toBe(204)

    const list = await harness.request<SessionList>('GET', '/api/sessions/list')
    expect(list.body.items.map((item) => item.clientId)).toEqual(['office', 'shop'])
  })

  it('refuses an unknown driver with a 400 naming body.driver', async () => {
    const error = expectError(await create({ clientId: 'ghost', driver: 'telegram' }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(error)).toEqual(['body.driver'])
    expectError(await get('ghost'), 404, 'SESSION_NOT_FOUND')
  })

  it('lists sessions with their live status', async () => {
    const list = await harness.request<SessionList>('GET', '/api/sessions/list')
    expect(list.status).toBe(200)
    expect(list.body.items).toEqual([
      expect.objectContaining({ clientId: 'office', status: 'ready', driver: 'sandbox' }),
      expect.objectContaining({ clientId: 'shop', status: 'ready', name: 'The shop' }),
    ])
  })

  it('answers 404 for a session that does not exist, on every session route', async () => {
    expectError(await get('nobody'), 404, 'SESSION_NOT_FOUND')
    expectError(await harness.request('GET', '/api/status/client?clientId=nobody'), 404, 'SESSION_NOT_FOUND')
    expectError(await harness.request('GET', '/api/sessions/nobody/qr'), 404, 'SESSION_NOT_FOUND')
    expectError(await harness.request('DELETE', '/api/sessions/nobody'), 404, 'SESSION_NOT_FOUND')
    for (const name of ['start', 'stop', 'restart'] as const) expectError(await action('nobody', name), 404, 'SESSION_NOT_FOUND')
  })

  it('gives a short status of one session', async () => {
    const shop = await get('shop')
    const status = await harness.request('GET', '/api/status/client?clientId=shop')
    expect(status.status).toBe(200)
    expect(status.body).toEqual({ clientId: 'shop', status: 'ready', ready: true, phone: shop.body.phone, lastError: null })
    const error = expectError(await harness.request('GET', '/api/status/client'), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(error)).toEqual(['query.clientId'])
  })

  it('counts sent and received messages in the session stats', async () => {
    const office = await get('office')
    const received = waitForEvent(harness.kernel.bus, messageReceived, (event) => event.sessionId === 'office')
    const sent = await harness.request<MessageView>('POST', '/api/messages/send-text?clientId=shop', { body: { to: office.body.phone, text: 'stock check' } })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    await received

    expect((await get('shop')).body.stats.messages).toEqual({ sent: 1, received: 0, failed: 0 })
    expect((await get('office')).body.stats.messages).toEqual({ sent: 0, received: 1, failed: 0 })
  })

  it('has no QR code to show for a ready sandbox session', async () => {
    const error = expectError(await harness.request('GET', '/api/sessions/shop/qr'), 409, 'SESSION_QR_NOT_AVAILABLE')
    expect(error.message).toContain('ready')
  })

  it('stops a session (sends are refused), starts it again and restarts it, keeping its number', async () => {
    const before = await get('shop')

    const stopped = await action('shop', 'stop')
    expect(stopped.status).toBe(200)
    expect(stopped.body).toMatchObject({ status: 'stopped', desiredState: 'stopped', uptimeSeconds: null, readyAt: null })
    expect((await harness.request('GET', '/api/status/client?clientId=shop')).body).toMatchObject({ status: 'stopped', ready: false })
    const refused = expectError(await harness.request('POST', '/api/messages/send-text?clientId=shop', { body: { to: '+15550100000', text: 'hi' } }), 409, 'SESSION_NOT_READY')
    expect(refused.details).toEqual({ status: 'stopped' })
    // Stopping twice is harmless.
    expect((await action('shop', 'stop')).body.status).toBe('stopped')

    const started = await action('shop', 'start')
    expect(started.status).toBe(200)
    expect(started.body).toMatchObject({ status: 'ready', desiredState: 'running', phone: before.body.phone, lastError: null })

    const restarted = await action('shop', 'restart')
    expect(restarted.status).toBe(200)
    expect(restarted.body).toMatchObject({ status: 'ready', desiredState: 'running', phone: before.body.phone })
    expect(Date.parse(restarted.body.readyAt ?? '')).toBeGreaterThanOrEqual(Date.parse(started.body.readyAt ?? ''))
    expect(restarted.body.stats.messages.sent).toBe(1)

    const sent = await harness.request('POST', '/api/messages/send-text?clientId=shop', { body: { to: '+15550100000', text: 'back online' } })
    expect(sent.status).toBe(201)
  })

  it('deletes a session with its messages, contacts and folder; the id can then be reused', async () => {
    const doomed = await create({ clientId: 'doomed', driver: 'sandbox' })
    expect(doomed.status).toBe(201)
    const received = waitForEvent(harness.kernel.bus, messageReceived, (event) => event.sessionId === 'doomed')
    expect((await harness.request('POST', '/api/messages/send-text?clientId=shop', { body: { to: doomed.body.phone, text: 'last words' } })).status).toBe(201)
    await received
    expect((await harness.request('POST', '/api/messages/send-text?clientId=doomed', { body: { to: '+15550100001', text: 'bye' } })).status).toBe(201)
    const folder = path.join(harness.dataDir, 'sessions', 'doomed')
    expect(await exists(folder)).toBe(true)
    const em = harness.kernel.orm.em.fork()
    expect(await em.count(Message, { sessionId: 'doomed' })).toBe(2)

    const deletions = recordEvents(harness.kernel.bus, sessionDeleted)
    const deleted = await harness.request('DELETE', '/api/sessions/doomed')
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBe('')

    expectError(await get('doomed'), 404, 'SESSION_NOT_FOUND')
    expectError(await harness.request('DELETE', '/api/sessions/doomed'), 404, 'SESSION_NOT_FOUND')
    expectError(await harness.request('GET', '/api/messages?clientId=doomed'), 404, 'SESSION_NOT_FOUND')
    for (const entity of [Message, Contact, PendingAck]) expect(await em.count(entity, { sessionId: 'doomed' }), entity.name).toBe(0)
    expect(await exists(folder)).toBe(false)
    expect((await harness.request<SessionList>('GET', '/api/sessions/list')).body.items.map((item) => item.clientId)).not.toContain('doomed')
    await harness.kernel.bus.idle()
    expect(deletions.events).toEqual([{ sessionId: 'doomed' }])
    deletions.dispose()
    // The sender's copy of the conversation is untouched.
    expect(await em.count(Message, { sessionId: 'shop', chatId: `${doomed.body.phone}@c.us` })).toBe(1)

    const reborn = await create({ clientId: 'doomed', driver: 'sandbox' })
    expect(reborn.status).toBe(201)
    expect(reborn.body.stats.messages).toEqual({ sent: 0, received: 0, failed: 0 })
    expect((await harness.request<MessagePage>('GET', '/api/messages?clientId=doomed')).body.items).toEqual([])
  })
})
