import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageAck, messageSent } from '../bus/core-events.ts'
import { Message, PendingAck } from '../db/entities/index.ts'
import { ackLevels, type AckValue, type NormalizedMessage } from '../sessions/drivers/driver-contract.ts'
import { recordEvents, waitForEvent } from '../sessions/test-fixtures/wait-for-event.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { ContactBook } from './contact-book.ts'
import { MessageStore } from './message-store.ts'

const chatId = '15550009999@c.us'

function outgoing(id: string, ack: AckValue = ackLevels.pending): NormalizedMessage {
  return { id, chatId, from: '15550001111@c.us', to: chatId, fromMe: true, type: 'text', body: `message ${id}`, timestamp: new Date(), ack, media: null, quotedMessageId: null, location: null, senderName: null }
}

/** Each test works in a session of its own, so ACK events and rows never mix between tests. */
let sessions = 0

describe('MessageStore: ACKs move forward only, and early ACKs wait for their message', () => {
  let harness: TestKernel
  let store: MessageStore

  beforeAll(async () => {
    harness = await createTestKernel()
    store = new MessageStore(harness.kernel.orm, harness.kernel.bus, new ContactBook())
  })
  afterAll(async () => {
    await harness.close()
  })

  const newSession = () => `store-${++sessions}`
  const ackOf = async (sessionId: string, id: string) => (await harness.kernel.orm.em.fork().findOneOrFail(Message, { sessionId, id })).ack
  const parked = (sessionId: string) => harness.kernel.orm.em.fork().find(PendingAck, { sessionId })
  const acksOf = (sessionId: string) => recordEvents(harness.kernel.bus, messageAck, (event) => event.sessionId === sessionId)
  const apply = (sessionId: string, messageId: string, ack: AckValue) => store.applyAck(sessionId, { messageId, chatId, ack })

  it('parks an ACK for a message it does not know, then applies it when the message arrives', async () => {
    const sessionId = newSession()
    const events = acksOf(sessionId)
    expect(await apply(sessionId, 'early', ackLevels.device)).toBe(false)
    expect(await parked(sessionId)).toEqual([expect.objectContaining({ messageId: 'early', ack: ackLevels.device })])

    const emitted = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === sessionId)
    const { created, message } = await store.ingest(sessionId, outgoing('early'))
    expect(created).toBe(true)
    expect(message.ack).toBe(ackLevels.device)
    expect(await emitted).toEqual({ sessionId, messageId: 'early', chatId, ack: 2, ackName: 'device' })
    expect(await ackOf(sessionId, 'early')).toBe(ackLevels.device)
    expect(await parked(sessionId)).toEqual([])
    await harness.kernel.bus.idle()
    events.dispose()
    expect(events.events.map((event) => event.ack)).toEqual([2])
  })

  it('keeps the furthest of several early ACKs', async () => {
    const sessionId = newSession()
    for (const ack of [ackLevels.server, ackLevels.read, ackLevels.device]) await apply(sessionId, 'm', ack)
    expect((await parked(sessionId)).map((row) => row.ack)).toEqual([ackLevels.read])
    await store.ingest(sessionId, outgoing('m'))
    expect(await ackOf(sessionId, 'm')).toBe(ackLevels.read)
  })

  it('drops an early ACK that is behind what the message arrived with, without an ACK event', async () => {
    const sessionId = newSession()
    const events = acksOf(sessionId)
    await apply(sessionId, 'm', ackLevels.server)
    const sent = waitForEvent(harness.kernel.bus, messageSent, (event) => event.sessionId === sessionId)
    await store.ingest(sessionId, outgoing('m', ackLevels.device))
    await sent
    await harness.kernel.bus.idle()
    events.dispose()
    expect(await ackOf(sessionId, 'm')).toBe(ackLevels.device)
    expect(await parked(sessionId)).toEqual([])
    expect(events.events).toEqual([])
  })

  it('stores a message once: a second ingest of the same id changes nothing', async () => {
    const sessionId = newSession()
    expect((await store.ingest(sessionId, outgoing('twice'))).created).toBe(true)
    await apply(sessionId, 'twice', ackLevels.read)
    const again = await store.ingest(sessionId, { ...outgoing('twice'), body: 'rewritten' })
    expect(again.created).toBe(false)
    expect(again.message).toMatchObject({ body: 'message twice', ack: ackLevels.read })
    expect(await harness.kernel.orm.em.fork().count(Message, { sessionId })).toBe(1)
  })

  it('ignores an older ACK that arrives after a newer one', async () => {
    const sessionId = newSession()
    await store.ingest(sessionId, outgoing('m'))
    const events = acksOf(sessionId)
    expect(await apply(sessionId, 'm', ackLevels.read)).toBe(true)
    expect(await apply(sessionId, 'm', ackLevels.device)).toBe(false)
    expect(await apply(sessionId, 'm', ackLevels.server)).toBe(false)
    expect(await apply(sessionId, 'm', ackLevels.read)).toBe(false)
    expect(await ackOf(sessionId, 'm')).toBe(ackLevels.read)
    expect(await apply(sessionId, 'm', ackLevels.played)).toBe(true)
    await harness.kernel.bus.idle()
    events.dispose()
    expect(events.events.map((event) => event.ackName)).toEqual(['read', 'played'])
  })

  it('ignores an error (-1) once the message was read', async () => {
    const sessionId = newSession()
    await store.ingest(sessionId, outgoing('m'))
    await apply(sessionId, 'm', ackLevels.read)
    expect(await apply(sessionId, 'm', ackLevels.error)).toBe(false)
    expect(await ackOf(sessionId, 'm')).toBe(ackLevels.read)
  })

  it('accepts an error after server, and the error sticks', async () => {
    const sessionId = newSession()
    await store.ingest(sessionId, outgoing('m'))
    await apply(sessionId, 'm', ackLevels.server)
    const events = acksOf(sessionId)
    expect(await apply(sessionId, 'm', ackLevels.error)).toBe(true)
    for (const late of [ackLevels.server, ackLevels.device, ackLevels.read, ackLevels.played]) expect(await apply(sessionId, 'm', late)).toBe(false)
    expect(await ackOf(sessionId, 'm')).toBe(ackLevels.error)
    await harness.kernel.bus.idle()
    events.dispose()
    expect(events.events.map((event) => event.ackName)).toEqual(['error'])
  })

  it('keeps an early error parked, and a later early ACK does not hide it', async () => {
    const sessionId = newSession()
    await apply(sessionId, 'm', ackLevels.error)
    await apply(sessionId, 'm', ackLevels.device)
    await store.ingest(sessionId, outgoing('m'))
    expect(await ackOf(sessionId, 'm')).toBe(ackLevels.error)
  })

  it('keeps the ACKs of different sessions apart, even for the same message id', async () => {
    const first = newSession()
    const second = newSession()
    await store.ingest(first, outgoing('shared'))
    await store.ingest(second, outgoing('shared'))
    await apply(first, 'shared', ackLevels.read)
    expect(await ackOf(first, 'shared')).toBe(ackLevels.read)
    expect(await ackOf(second, 'shared')).toBe(ackLevels.pending)
  })
})
