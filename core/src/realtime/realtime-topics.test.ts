import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MessageView } from '../messages/message-view.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { RealtimeClients, record, request, waitFor, type Received } from './test-fixtures/realtime-client.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20] }
const customer = '+966501234567'

describe('realtime topics', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
    await harness.createSession('a')
    await harness.createSession('b')
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  const send = async (clientId: string, text: string): Promise<MessageView> => {
    const sent = await harness.request<MessageView>('POST', `/api/messages/send-text?clientId=${clientId}`, { body: { to: customer, text } })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    return sent.body
  }
  const acksOf = (received: Received[], messageId: string) =>
    received.filter((item) => item.event === 'message.ack' && item.payload.messageId === messageId).map((item) => item.payload.ack)

  it('delivers the ACKs of a sent message to the session subscribers as 1, 2, 3, after message.sent', async () => {
    const socket = await clients.connect({ token: harness.admin.token })
    const received = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'a' })).toEqual({ ok: true })

    const sent = await send('a', 'where is my order?')
    await waitFor('the read ACK', () => acksOf(received, sent.id).includes(3))
    const mine = received.filter((item) => item.payload.messageId === sent.id)
    expect(mine.map((item) => [item.event, item.payload.ack ?? null])).toEqual([
      ['message.sent', null],
      ['message.ack', 1],
      ['message.ack', 2],
      ['message.ack', 3],
    ])
    expect(mine.map((item) => item.payload.ackName).slice(1)).toEqual(['server', 'device', 'read'])
    expect(mine.every((item) => item.payload.sessionId === 'a')).toBe(true)
  })

  it('never shows a client the events of a session it did not subscribe to, even while that session is busy', async () => {
    const { key } = await harness.createApiKey('agent', ['a'])
    const clientOfA = await clients.connect({ token: key })
    const watcherOfB = await clients.connect({ token: harness.admin.token })
    const seenByA = record(clientOfA)
    const seenByB = record(watcherOfB)
    expect(await request(clientOfA, 'subscribe', { topics: ['messages', 'sessions'] })).toEqual({ ok: true })
    expect(await request(watcherOfB, 'subscribe', { topics: ['messages'], sessionId: 'b' })).toEqual({ ok: true })

    const burst = await Promise.all(Array.from({ length: 30 }, (_, index) => send('b', `promo ${index}`)))
    const ofA = await send('a', 'a quiet message')
    await waitFor('every ACK of the burst on b', () => burst.every((message) => acksOf(seenByB, message.id).includes(3)))
    await waitFor('the read ACK on a', () => acksOf(seenByA, ofA.id).includes(3))

    expect(seenByB.filter((item) => item.event === 'message.ack')).toHaveLength(90)
    expect(seenByA.length).toBeGreaterThanOrEqual(4)
    expect(seenByA.filter((item) => item.payload.sessionId !== 'a')).toEqual([])
    expect(seenByB.filter((item) => item.payload.sessionId !== 'b')).toEqual([])
  })

  it('refuses a session the caller is not granted exactly like one that does not exist', async () => {
    const { key } = await harness.createApiKey('agent', ['a'])
    const socket = await clients.connect({ token: key })
    const notGranted = await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'b' })
    expect(notGranted).toEqual({ ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'Not found: session b' } })
    const admin = await clients.connect({ token: harness.admin.token })
    const missing = await request(admin, 'subscribe', { topics: ['messages'], sessionId: 'nowhere' })
    expect(missing).toEqual({ ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'Not found: session nowhere' } })

    const received = record(socket)
    const marker = record(admin)
    await request(admin, 'subscribe', { topics: ['messages'], sessionId: 'b' })
    const sent = await send('b', 'not for the key')
    await waitFor('the ACKs on b', () => acksOf(marker, sent.id).includes(3))
    expect(received).toEqual([])
  })

  it('names what is wrong with a subscription', async () => {
    const socket = await clients.connect({ token: harness.admin.token })
    expect(await request(socket, 'subscribe', { topics: ['gossip'] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TOPIC', message: expect.stringContaining('sessions, messages, notifications') } })
    expect(await request(socket, 'subscribe', { topics: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('payload.topics') } })
    expect(await request(socket, 'subscribe', 'messages')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await request(socket, 'shout', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } })
  })

  it('stops delivering after unsubscribe, and sessions created later reach admins subscribed to all', async () => {
    const leaving = await clients.connect({ token: harness.admin.token })
    const staying = await clients.connect({ token: harness.admin.token })
    const left = record(leaving)
    const stayed = record(staying)
    for (const socket of [leaving, staying]) expect(await request(socket, 'subscribe', { topics: ['messages', 'sessions'] })).toEqual({ ok: true })
    expect(await request(leaving, 'unsubscribe', { topics: ['messages'] })).toEqual({ ok: true })

    await harness.createSession('c')
    const sent = await send('c', 'hello from c')
    await waitFor('the ACKs on c', () => acksOf(stayed, sent.id).includes(3))
    expect(stayed.some((item) => item.event === 'session.created' && item.payload.sessionId === 'c')).toBe(true)
    expect(stayed.some((item) => item.event === 'session.ready' && item.payload.sessionId === 'c')).toBe(true)
    expect(left.filter((item) => item.event.startsWith('message.'))).toEqual([])
    expect(left.some((item) => item.event === 'session.created' && item.payload.sessionId === 'c')).toBe(true)
  })

  it('gives each user their own notifications only, and none to API keys', async () => {
    const first = await harness.createUser('agent', ['a'])
    const second = await harness.createUser('agent', ['a'])
    const socket = await clients.connect({ token: first.token })
    const received = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['notifications'] })).toEqual({ ok: true })

    await harness.kernel.notifications.notifyUsers([second.id], { type: 'test.note', title: 'for the second user' })
    await harness.kernel.notifications.notifyUsers([first.id], { type: 'test.note', title: 'for the first user' })
    await waitFor('the first user\'s notification', () => received.length > 0)
    await harness.kernel.bus.idle()
    expect(received.map((item) => [item.event, item.payload.title, item.payload.userId])).toEqual([['notification.created', 'for the first user', first.id]])

    const { key } = await harness.createApiKey('admin')
    const keySocket = await clients.connect({ token: key })
    expect(await request(keySocket, 'subscribe', { topics: ['notifications'] })).toMatchObject({ ok: false, error: { code: 'TOPIC_NOT_ALLOWED' } })
  })
})
