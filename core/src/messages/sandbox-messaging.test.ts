import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageAck, messageReceived, type AckName } from '../bus/core-events.ts'
import { Contact } from '../db/entities/index.ts'
import { ackLevels } from '../sessions/drivers/driver-contract.ts'
import { expectError, type MessagePage, type MessageView, type SessionDetail } from '../sessions/test-fixtures/api-responses.ts'
import { recordEvents, waitForEvent, waitUntil } from '../sessions/test-fixtures/wait-for-event.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { ackName } from './ack-names.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20], reconnectBaseDelayMs: 10, reconnectMaxDelayMs: 50, reconnectMaxAttempts: 2 }
const ackNames: readonly AckName[] = ['error', 'pending', 'server', 'device', 'read', 'played']

describe('two sandbox sessions messaging each other', () => {
  let harness: TestKernel
  let phoneB = ''

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
    await harness.createSession('a')
    await harness.createSession('b')
    phoneB = (await harness.request<SessionDetail>('GET', '/api/sessions/b')).body.phone ?? ''
  })
  afterAll(async () => {
    await harness.close()
  })

  const sendText = (to: string, text: string) => harness.request<MessageView>('POST', '/api/messages/send-text?clientId=a', { body: { to, text } })

  it('delivers a text from a to b and takes it to read, ACK by ACK, in order', async () => {
    const received = waitForEvent(harness.kernel.bus, messageReceived, (event) => event.sessionId === 'b' && event.body === 'hello b')
    const acks = recordEvents(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a')
    const read = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a' && event.ackName === 'read')

    const sent = await sendText(phoneB, 'hello b')
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body).toMatchObject({ chatId: `${phoneB}@c.us`, fromMe: true, direction: 'out', type: 'text', body: 'hello b' })
    expect(sent.body.id).toEqual(expect.any(String))
    expect(ackNames).toContain(sent.body.ackName)
    expect(sent.body.ackName).toBe(ackName(sent.body.ack))

    const inbound = await received
    await read
    acks.dispose()
    expect(acks.events.filter((event) => event.messageId === sent.body.id).map((event) => [event.ack, event.ackName])).toEqual([
      [1, 'server'],
      [2, 'device'],
      [3, 'read'],
    ])

    const stored = await harness.request<MessageView>('GET', `/api/messages/${encodeURIComponent(sent.body.id)}`)
    expect(stored.status).toBe(200)
    expect(stored.body).toMatchObject({ id: sent.body.id, sessionId: 'a', ack: 3, ackName: 'read' })
    expect(stored.body.ackAt).not.toBeNull()

    const inbox = await harness.request<MessagePage>('GET', '/api/messages?clientId=b')
    const copy = inbox.body.items.find((item) => item.id === inbound.messageId)
    expect(copy).toMatchObject({ sessionId: 'b', fromMe: false, direction: 'in', type: 'text', body: 'hello b', to: `${phoneB}@c.us` })
    const phoneA = (await harness.request<SessionDetail>('GET', '/api/sessions/a')).body.phone
    expect(copy?.from).toBe(`${phoneA}@c.us`)
    expect(copy?.chatId).toBe(`${phoneA}@c.us`)
  })

  it('never moves any message backwards when many are in flight at once', async () => {
    const acks = recordEvents(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a')
    const sends = await Promise.all(Array.from({ length: 20 }, (_, index) => sendText(phoneB, `burst ${index}`)))
    for (const sent of sends) expect(sent.status).toBe(201)
    const ids = new Set(sends.map((sent) => sent.body.id))
    expect(ids.size).toBe(20)
    const allRead = () => [...ids].every((id) => acks.events.some((event) => event.messageId === id && event.ack === ackLevels.read))
    await waitUntil(async () => allRead(), (done) => done)
    acks.dispose()
    for (const id of ids) expect(acks.events.filter((event) => event.messageId === id).map((event) => event.ack), id).toEqual([1, 2, 3])

    const inbox = await harness.request<MessagePage>('GET', '/api/messages?clientId=b&limit=200')
    const bodies = inbox.body.items.map((item) => item.body)
    for (let index = 0; index < 20; index++) expect(bodies).toContain(`burst ${index}`)
  })

  it('takes a voice note and a video sent through send-media to played (4); a text stops at read', async () => {
    const voiceNote = { type: 'voice', mimetype: 'audio/ogg', data: Buffer.from('OggS not really opus').toString('base64'), filename: 'note.ogg' }
    const clip = { type: 'video', mimetype: 'video/mp4', data: Buffer.from('frames').toString('base64'), filename: 'clip.mp4', caption: 'a clip' }
    const sendMedia = (media: Record<string, string>) => harness.request<MessageView>('POST', '/api/messages/send-media?clientId=a', { body: { to: phoneB, ...media } })

    for (const media of [voiceNote, clip]) {
      const received = waitForEvent(harness.kernel.bus, messageReceived, (event) => event.sessionId === 'b' && event.type === media.type)
      const acks = recordEvents(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a')
      const played = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a' && event.ackName === 'played')
      const sent = await sendMedia(media)
      expect(sent.status, JSON.stringify(sent.body)).toBe(201)
      expect((await played).messageId).toBe(sent.body.id)
      acks.dispose()
      expect(acks.events.filter((event) => event.messageId === sent.body.id).map((event) => event.ackName)).toEqual(['server', 'device', 'read', 'played'])
      const stored = await harness.request<MessageView>('GET', `/api/messages/${encodeURIComponent(sent.body.id)}`)
      expect(stored.body).toMatchObject({ type: media.type, ack: 4, ackName: 'played' })
      expect(stored.body.media).toMatchObject({ mimetype: media.mimetype, filename: media.filename })
      await received
    }

    // A text stops at read. A voice note sent after it is the barrier: its played ACK comes after
    // every ACK the text could get, and ACKs of one chat are delivered in order.
    const textAcks = recordEvents(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a')
    const barrier = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a' && event.ackName === 'played')
    const text = await sendText(phoneB, 'only readable')
    const voice = await sendMedia(voiceNote)
    expect((await barrier).messageId).toBe(voice.body.id)
    textAcks.dispose()
    expect(textAcks.events.filter((event) => event.messageId === text.body.id).map((event) => event.ackName)).toEqual(['server', 'device', 'read'])
    expect((await harness.request<MessageView>('GET', `/api/messages/${encodeURIComponent(text.body.id)}`)).body.ackName).toBe('read')
  })

  it('records both sides of the conversation as contacts', async () => {
    const em = harness.kernel.orm.em.fork()
    const contact = await em.findOneOrFail(Contact, { sessionId: 'a', id: `${phoneB}@c.us` })
    expect(contact.messagesOut).toBeGreaterThanOrEqual(21)
    const phoneA = (await harness.request<SessionDetail>('GET', '/api/sessions/a')).body.phone
    const reverse = await em.findOneOrFail(Contact, { sessionId: 'b', id: `${phoneA}@c.us` })
    expect(reverse.messagesIn).toBeGreaterThanOrEqual(21)
  })

  it('answers 404 for a message id nobody has', async () => {
    expectError(await harness.request('GET', '/api/messages/true_0@c.us_NOPE'), 404, 'MESSAGE_NOT_FOUND')
  })
})
