import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageAck, messageSent } from '../bus/core-events.ts'
import type { ManualClock } from '../clock/index.ts'
import { Message } from '../db/entities/index.ts'
import type { AppError } from '../errors/app-error.ts'
import type { PluginContext } from '../plugins/plugin-context.ts'
import type { MessagePage, SessionDetail } from '../sessions/test-fixtures/api-responses.ts'
import { recordEvents, waitForEvent } from '../sessions/test-fixtures/wait-for-event.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { capturedPlugin } from './test-fixtures/captured-plugins.ts'
import { fixtureDir } from './test-fixtures/fixture-dir.ts'

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** The rejection of `promise` as an AppError (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    return error as AppError
  }
  throw new Error('expected a refusal, but the call succeeded')
}

describe('plugin.messages.send', () => {
  let harness: TestKernel<ManualClock>
  let sender: PluginContext
  let phoneB = ''

  const stored = async (sessionId: string) => (await harness.request<MessagePage>('GET', `/api/messages?clientId=${sessionId}&limit=200`)).body.items

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixtureDir('senders')], manualClock: true, config: { rateLimitPerMinute: 5, sandboxAckDelaysMs: [5, 10, 15, 20] } })
    await harness.createSession('shop')
    await harness.createSession('b')
    phoneB = (await harness.request<SessionDetail>('GET', '/api/sessions/b')).body.phone ?? ''
    sender = capturedPlugin('sender')
  })
  afterAll(() => harness.close())

  it('sends a text through the API path: stored, message.sent emitted, ACKs tracked to read', async () => {
    const sentEvent = waitForEvent(harness.kernel.bus, messageSent, (event) => event.sessionId === 'shop' && event.body === 'hello from a plugin')
    const read = waitForEvent(harness.kernel.bus, messageAck, (event) => event.sessionId === 'shop' && event.ackName === 'read')
    const message = await sender.messages.send('shop', { to: `+${phoneB}`, text: 'hello from a plugin' })
    expect(message).toMatchObject({ sessionId: 'shop', chatId: `${phoneB}@c.us`, fromMe: true, type: 'text', body: 'hello from a plugin' })
    expect((await sentEvent).messageId).toBe(message.id)
    expect((await read).messageId).toBe(message.id)
    const row = await harness.kernel.orm.em.fork().findOneOrFail(Message, { sessionId: 'shop', id: message.id })
    expect(row.ack).toBe(3)
  })

  it('sends a location and a media file with the same fields as the HTTP routes', async () => {
    const location = await sender.messages.send('shop', { to: phoneB, location: { latitude: 24.7136, longitude: 46.6753, description: 'Riyadh office' } })
    expect(location).toMatchObject({ type: 'location', location: { latitude: 24.7136, longitude: 46.6753, description: 'Riyadh office' } })
    const image = await sender.messages.send('shop', { to: phoneB, media: { data: png, filename: 'dot.png', caption: 'a dot' } })
    expect(image).toMatchObject({ type: 'image', body: 'a dot', media: { mimetype: 'image/png', filename: 'dot.png' } })
  })

  it('is not counted against any HTTP rate limit: 8 sends, then the admin still has the API', async () => {
    const sends = await Promise.all(Array.from({ length: 8 }, (_, index) => sender.messages.send('shop', { to: phoneB, text: `burst ${index}` })))
    expect(new Set(sends.map((message) => message.id)).size).toBe(8)
    // The limit is 5 requests a minute; these are the admin's first in this test.
    const page = await harness.request<MessagePage>('GET', '/api/messages?clientId=shop&limit=200')
    expect(page.status).toBe(200)
    expect(page.body.items.filter((message) => message.body.startsWith('burst ')).map((message) => message.body).sort()).toEqual(Array.from({ length: 8 }, (_, index) => `burst ${index}`).sort())
  })

  it('refuses a plugin without the messages:send permission, naming the permission', async () => {
    const error = await refusal(capturedPlugin('silent').messages.send('shop', { to: phoneB, text: 'should not go' }))
    expect(error).toMatchObject({ code: 'PLUGIN_PERMISSION_MISSING', details: { permission: 'messages:send' } })
    expect(error.message).toContain('plugin "silent"')
    expect(await refusal(capturedPlugin('silent').messages.governorStatus('shop'))).toMatchObject({ code: 'PLUGIN_PERMISSION_MISSING' })
  })

  it('refuses a session a session-scoped plugin is not enabled for, and sends once it is', async () => {
    const scoped = capturedPlugin('scoped-sender')
    const error = await refusal(scoped.messages.send('shop', { to: phoneB, text: 'scoped hello' }))
    expect(error).toMatchObject({ code: 'PLUGIN_SESSION_NOT_ENABLED', details: { sessionId: 'shop' } })
    expect((await stored('shop')).some((message) => message.body === 'scoped hello')).toBe(false)

    expect((await harness.request('PUT', '/api/sessions/shop/plugins/scoped-sender', { body: { enabled: true } })).status).toBe(200)
    expect(await scoped.messages.send('shop', { to: phoneB, text: 'scoped hello' })).toMatchObject({ body: 'scoped hello' })
    expect(await refusal(scoped.messages.send('b', { to: phoneB, text: 'not here' }))).toMatchObject({ code: 'PLUGIN_SESSION_NOT_ENABLED' })
  })

  it('refuses an unknown session and bad content with coded errors naming the field', async () => {
    expect(await refusal(sender.messages.send('nowhere', { to: phoneB, text: 'x' }))).toMatchObject({ code: 'SESSION_NOT_FOUND', status: 404 })
    const invalid = async (content: unknown) => (await refusal(sender.messages.send('shop', content as never))) as AppError & { details: Array<{ field: string }> }
    expect((await invalid({ to: phoneB })).details.map((issue) => issue.field)).toEqual(['content.text'])
    expect((await invalid({ to: phoneB, text: 'a', location: { latitude: 1, longitude: 2 } })).details.map((issue) => issue.field)).toEqual(['content.location'])
    expect((await invalid({ to: phoneB, location: { latitude: 100, longitude: 2 } })).details.map((issue) => issue.field)).toEqual(['content.location.latitude'])
    const duplicate = await invalid({ to: phoneB, list: { body: 'Pick', sections: [{ rows: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] }] } })
    expect(duplicate).toMatchObject({ code: 'PLUGIN_MESSAGE_INVALID' })
    expect(duplicate.details.map((issue) => issue.field)).toEqual(['content.list.sections.0.rows.1.id'])
    expect(await refusal(sender.messages.send('shop', { to: 'not-a-number', text: 'x' }))).toMatchObject({ status: 400, details: [{ field: 'content.to' }] })
    expect(await refusal(sender.messages.send('shop', { to: phoneB, media: { data: '***' } }))).toMatchObject({ status: 400, details: [{ field: 'content.media.data' }] })
  })

  it('sends once per idempotency key, per plugin: a repeat returns the first message', async () => {
    const sent = recordEvents(harness.kernel.bus, messageSent, (event) => event.sessionId === 'shop' && event.body.startsWith('order 42'))
    const first = await sender.messages.send('shop', { to: phoneB, text: 'order 42 confirmed' }, { idempotencyKey: 'order-42' })
    const again = await sender.messages.send('shop', { to: phoneB, text: 'order 42 confirmed' }, { idempotencyKey: 'order-42' })
    expect(again.id).toBe(first.id)
    const reused = await refusal(sender.messages.send('shop', { to: phoneB, text: 'order 42 cancelled' }, { idempotencyKey: 'order-42' }))
    expect(reused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { field: 'options.idempotencyKey' } })
    // Another plugin's key of the same name is its own.
    const other = await capturedPlugin('other-sender').messages.send('shop', { to: phoneB, text: 'order 42 confirmed' }, { idempotencyKey: 'order-42' })
    expect(other.id).not.toBe(first.id)
    await harness.kernel.bus.idle()
    expect((await stored('shop')).filter((message) => message.body === 'order 42 confirmed')).toHaveLength(2)
    expect(sent.events).toHaveLength(2)
    sent.dispose()
  })
})
