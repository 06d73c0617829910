import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestKernel } from '@waqtor/core/testing'
import { contactUpdated, messageReceived, type SubjectErasure, type SubjectExport } from '@waqtor/core'
import { subscribe, webhookKernel } from './test-support/webhook-kernel.ts'
import { waitFor } from './test-support/wait-for.ts'

const noura = '966501119999'
const other = '966502228888'
const group = '120363025555@g.us'

let harness: TestKernel
let sequence = 0

const emit = (sessionId: string, chatId: string, from: string, body: string) =>
  harness.kernel.bus.emit(messageReceived, { sessionId, messageId: `p-${++sequence}`, chatId, from, to: 'me@c.us', type: 'text', body, timestamp: new Date().toISOString(), fromMe: false })
const countDeliveries = async () => Number(((await harness.kernel.orm.em.fork().getConnection().execute('select count(*) as n from webhooks_deliveries')) as Array<{ n: number | string }>)[0]?.n)

beforeAll(async () => {
  harness = await webhookKernel({ maxAttempts: 1 })
  await subscribe(harness, { url: 'http://127.0.0.1:9/hook', events: ['message.received', 'contact.updated'] })
  await emit('a', `${noura}@c.us`, `${noura}@c.us`, 'ابي موعد بكرة')
  await emit('a', group, `${noura}@c.us`, 'Noura in the family group')
  await harness.kernel.bus.emit(contactUpdated, { sessionId: 'a', contactId: `${noura}@c.us`, changes: { optedOut: true } })
  await emit('a', `${other}@c.us`, `${other}@c.us`, `my friend is ${noura.slice(0, 9)} something`)
  await emit('b', `${noura}@c.us`, `${noura}@c.us`, 'same person, another session')
  await waitFor(async () => (await countDeliveries()) === 5, 'five deliveries stored')
})
afterAll(async () => {
  await harness.close()
})

describe('webhooks: personal data hooks', () => {
  it("exports a contact's deliveries of one session: their chat, group messages they wrote, contact events", async () => {
    const exported = await harness.request<SubjectExport>('POST', '/api/privacy/export', { body: { subject: { kind: 'contact', sessionId: 'a', phone: noura } } })
    const deliveries = (exported.body.plugins.webhooks as { deliveries: Array<{ event: string; body: { data: { body?: string } } }> }).deliveries
    expect(deliveries.map((delivery) => delivery.event).sort()).toEqual(['contact.updated', 'message.received', 'message.received'])
    expect(deliveries.map((delivery) => delivery.body.data.body).filter(Boolean).sort()).toEqual(['Noura in the family group', 'ابي موعد بكرة'])
  })

  it('erases exactly those deliveries: another contact mentioning part of the number and another session keep theirs', async () => {
    const erased = await harness.request<SubjectErasure>('POST', '/api/privacy/erase', { body: { subject: { kind: 'contact', sessionId: 'a', phone: `+${noura}` } } })
    expect(erased.status).toBe(200)
    expect(erased.body.plugins.webhooks).toEqual({ deleted: { deliveries: 3 } })
    expect(await countDeliveries()).toBe(2)
    const again = await harness.request<SubjectExport>('POST', '/api/privacy/export', { body: { subject: { kind: 'contact', sessionId: 'a', phone: noura } } })
    expect(again.body.plugins.webhooks).toEqual({ deliveries: [] })
    const otherSession = await harness.request<SubjectExport>('POST', '/api/privacy/export', { body: { subject: { kind: 'contact', sessionId: 'b', phone: noura } } })
    expect((otherSession.body.plugins.webhooks as { deliveries: unknown[] }).deliveries).toHaveLength(1)
  })
})
