import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageReceived, type MessageEventPayload } from '../../bus/core-events.ts'
import type { ManualClock } from '../../clock/index.ts'
import { MessageList } from '../../db/entities/index.ts'
import { waitForEvent } from '../../sessions/test-fixtures/wait-for-event.ts'
import { createTestKernel, type TestKernel } from '../../testing/index.ts'
import type { PluginMessageContent } from '../plugin-message-content.ts'
import { capturedPlugin } from '../test-fixtures/captured-plugins.ts'
import { fixtureDir } from '../test-fixtures/fixture-dir.ts'

const customer = '966500000001'
const menu = (body = 'What would you like?'): NonNullable<PluginMessageContent['list']> => ({
  title: 'Menu',
  body,
  sections: [{ title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Mint or black' }, { id: 'coffee', title: 'Coffee' }] }, { rows: [{ id: 'cake', title: 'Date cake' }] }],
})

describe('list messages and their replies', () => {
  let harness: TestKernel<ManualClock>

  const sendList = (list: NonNullable<PluginMessageContent['list']>, to = customer) => capturedPlugin('sender').messages.send('shop', { to, list })
  /** Simulates the contact answering; resolves to message.received as plugins get it. */
  const reply = async (text: string, from = customer): Promise<MessageEventPayload> => {
    const received = waitForEvent(harness.kernel.bus, messageReceived, (event) => event.sessionId === 'shop' && event.from === `${from}@c.us` && event.body === text)
    const injected = await harness.request('POST', '/api/sessions/shop/sandbox/inbound', { body: { from, text } })
    expect(injected.status).toBe(201)
    return received
  }

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixtureDir('senders')], manualClock: true, config: { sandboxAckDelaysMs: [5, 10, 15, 20] } })
    await harness.createSession('shop')
  })
  afterAll(() => harness.close())

  it('sends the list as numbered text and records its options', async () => {
    const sent = await sendList(menu())
    expect(sent).toMatchObject({ type: 'text', chatId: `${customer}@c.us` })
    expect(sent.body).toBe('*Menu*\n\nWhat would you like?\n\n*Drinks*\n1. Tea — Mint or black\n2. Coffee\n\n3. Date cake\n\n_Reply with the number of your choice._')
    const recorded = await harness.kernel.orm.em.fork().findOneOrFail(MessageList, { sessionId: 'shop', messageId: sent.id })
    expect(recorded).toMatchObject({ chatId: `${customer}@c.us`, pluginId: 'sender', locale: 'en', closedAt: null })
    expect(recorded.rows.map((row) => row.id)).toEqual(['tea', 'coffee', 'cake'])
  })

  it('maps a numbered reply to the option, once: the list takes one answer', async () => {
    const sent = await sendList(menu())
    expect((await reply('2')).listReply).toEqual({ listMessageId: sent.id, rowId: 'coffee', title: 'Coffee' })
    expect((await reply('1')).listReply).toBeUndefined()
  })

  it('maps Arabic-Indic digits and exact titles; other text chooses nothing and leaves the list open', async () => {
    const arabic = await sendList({ body: 'اختر القسم', sections: [{ rows: [{ id: 'sales', title: 'المبيعات' }, { id: 'support', title: 'الدعم الفني' }] }] })
    expect(arabic.body.endsWith('_للاختيار، أرسل رقم الخيار._')).toBe(true)
    expect((await reply('مرحبا')).listReply).toBeUndefined()
    expect((await reply('5')).listReply).toBeUndefined()
    expect((await reply('٢')).listReply).toEqual({ listMessageId: arabic.id, rowId: 'support', title: 'الدعم الفني' })

    const english = await sendList(menu())
    expect((await reply('date cake')).listReply).toEqual({ listMessageId: english.id, rowId: 'cake', title: 'Date cake' })
  })

  it('maps only to the most recent list of that chat, and not from another chat', async () => {
    await sendList(menu())
    const newer = await sendList({ body: 'Pick a branch', sections: [{ rows: [{ id: 'riyadh', title: 'Riyadh' }, { id: 'jeddah', title: 'Jeddah' }] }] })
    expect((await reply('Tea')).listReply).toBeUndefined()
    expect((await reply('1', '966500000002')).listReply).toBeUndefined()
    expect((await reply('1')).listReply).toEqual({ listMessageId: newer.id, rowId: 'riyadh', title: 'Riyadh' })
  })

  it('stops mapping when the reply window (a day by default) has passed', async () => {
    await sendList(menu())
    await harness.clock.advance(24 * 60 * 60 * 1000)
    expect((await reply('1')).listReply).toBeUndefined()
  })

  it('removes expired lists when the next one is recorded, and every list of a deleted session', async () => {
    const lists = () => harness.kernel.orm.em.fork().count(MessageList, { sessionId: 'shop' })
    await harness.clock.advance(24 * 60 * 60 * 1000)
    await sendList(menu())
    expect(await lists()).toBe(1)

    await harness.createSession('gone')
    await capturedPlugin('sender').messages.send('gone', { to: customer, list: menu() })
    expect(await harness.kernel.orm.em.fork().count(MessageList, { sessionId: 'gone' })).toBe(1)
    expect((await harness.request('DELETE', '/api/sessions/gone')).status).toBe(204)
    await harness.kernel.bus.idle()
    expect(await harness.kernel.orm.em.fork().count(MessageList, { sessionId: 'gone' })).toBe(0)
  })

  it('keeps lists in the database: a reply after a restart still maps', async () => {
    const sent = await sendList(menu())
    harness = await harness.restart()
    expect((await reply('3')).listReply).toEqual({ listMessageId: sent.id, rowId: 'cake', title: 'Date cake' })
  })
})
