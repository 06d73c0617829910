import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageAck } from '../../bus/core-events.ts'
import { Message } from '../../db/entities/index.ts'
import { expectError, fieldsOf } from '../../sessions/test-fixtures/api-responses.ts'
import { waitForEvent } from '../../sessions/test-fixtures/wait-for-event.ts'
import { createTestKernel, type TestKernel } from '../../testing/index.ts'
import type { MessagesPerHour } from '../message-stats.ts'

const hourMs = 3_600_000
const totals = (stats: MessagesPerHour) =>
  stats.buckets.reduce((sum, bucket) => ({ sent: sum.sent + bucket.sent, received: sum.received + bucket.received, failed: sum.failed + bucket.failed }), { sent: 0, received: 0, failed: 0 })

describe('GET /api/stats/messages', () => {
  let harness: TestKernel
  const stats = (query = '', token?: string) => harness.request<MessagesPerHour>('GET', `/api/stats/messages${query}`, token ? { token } : {})
  const send = async (clientId: string, text: string) => {
    const sent = await harness.request<{ id: string }>('POST', `/api/messages/send-text?clientId=${clientId}`, { body: { to: '+15550108888', text } })
    expect(sent.status).toBe(201)
    return sent.body.id
  }
  /** A message stored `hoursAgo` hours before now, straight in the database. */
  const storeOld = async (clientId: string, hoursAgo: number, fromMe: boolean) => {
    const em = harness.kernel.orm.em.fork()
    const timestamp = new Date(Date.now() - hoursAgo * hourMs)
    em.create(Message, {
      sessionId: clientId, id: `old_${clientId}_${hoursAgo}_${fromMe}`, chatId: '15550109999@c.us', fromId: 'x@c.us', toId: 'y@c.us', fromMe, type: 'text',
      body: 'old', timestamp, ack: 3, ackAt: null, media: null, location: null, quotedId: null, senderName: null, createdAt: new Date(),
    })
    await em.flush()
    return timestamp
  }

  beforeAll(async () => {
    harness = await createTestKernel({ config: { sandboxAckDelaysMs: [5, 10, 15, 20] } })
    await harness.createSession('a')
    await harness.createSession('b')
    await send('a', 'one')
    await send('a', 'two')
    expect((await harness.request('POST', '/api/sessions/a/sandbox/failures', { body: { failNextSends: 1 } })).status).toBe(200)
    const failed = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'a' && event.ack === -1)
    await send('a', 'doomed')
    await failed
    expect((await harness.request('POST', '/api/sessions/a/sandbox/inbound', { body: { from: '+966500000001', text: 'hi' } })).status).toBe(201)
    await send('b', 'from b')
  })
  afterAll(async () => {
    await harness.close()
  })

  it('answers 24 hourly buckets ending with the current hour, counting sent, received and failed', async () => {
    const before = Math.floor(Date.now() / hourMs) * hourMs
    const answer = await stats()
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    const { from, to, buckets } = answer.body
    expect(buckets).toHaveLength(24)
    expect(Date.parse(to) - Date.parse(from)).toBe(24 * hourMs)
    expect(buckets[0]?.hour).toBe(from)
    expect(Date.parse(buckets[23]!.hour)).toBeGreaterThanOrEqual(before)
    expect(buckets.every((bucket, index) => Date.parse(bucket.hour) === Date.parse(from) + index * hourMs)).toBe(true)
    expect(totals(answer.body)).toEqual({ sent: 4, received: 1, failed: 1 })
    expect(buckets.slice(0, 22).every((bucket) => bucket.sent + bucket.received === 0)).toBe(true)
  })

  it('puts older messages in their hour and leaves out what is outside the window', async () => {
    const threeHoursAgo = await storeOld('b', 3, false)
    await storeOld('b', 30, true)
    const day = (await stats('?clientId=b')).body
    const index = Math.floor((threeHoursAgo.getTime() - Date.parse(day.from)) / hourMs)
    expect(day.buckets[index]).toMatchObject({ received: 1, sent: 0 })
    expect(totals(day)).toEqual({ sent: 1, received: 1, failed: 0 })
    const twoDays = (await stats('?clientId=b&hours=48')).body
    expect(twoDays.buckets).toHaveLength(48)
    expect(totals(twoDays)).toEqual({ sent: 2, received: 1, failed: 0 })
    expect((await stats('?hours=1')).body.buckets).toHaveLength(1)
    expect((await stats('?hours=168')).body.buckets).toHaveLength(168)
  })

  it('counts only the sessions the caller may see; clientId of another session is a 404', async () => {
    const agentOfA = await harness.createUser('agent', ['a'])
    expect(totals((await stats('', agentOfA.token)).body)).toEqual({ sent: 3, received: 1, failed: 1 })
    expect(totals((await stats('?clientId=a', agentOfA.token)).body)).toEqual({ sent: 3, received: 1, failed: 1 })
    const hidden = expectError(await stats('?clientId=b', agentOfA.token), 404, 'SESSION_NOT_FOUND')
    const missing = expectError(await stats('?clientId=zz', agentOfA.token), 404, 'SESSION_NOT_FOUND')
    expect(hidden.message).toBe(missing.message.replace('zz', 'b'))
    const nobody = await harness.createUser('viewer', [])
    const empty = (await stats('', nobody.token)).body
    expect(empty.buckets).toHaveLength(24)
    expect(totals(empty)).toEqual({ sent: 0, received: 0, failed: 0 })
  })

  it('refuses hours outside 1 to 168, naming query.hours', async () => {
    for (const hours of ['0', '169', 'many', '1.5']) {
      expect(fieldsOf(expectError(await stats(`?hours=${hours}`), 400, 'VALIDATION_FAILED')), hours).toEqual(['query.hours'])
    }
  })
})
