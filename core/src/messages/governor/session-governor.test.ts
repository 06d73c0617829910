import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ManualClock } from '../../clock/index.ts'
import type { PluginContext } from '../../plugins/plugin-context.ts'
import { expectError, fieldsOf, type MessagePage, type SessionDetail } from '../../sessions/test-fixtures/api-responses.ts'
import { waitUntil } from '../../sessions/test-fixtures/wait-for-event.ts'
import { createTestKernel, type TestKernel } from '../../testing/index.ts'
import { capturedPlugin } from '../test-fixtures/captured-plugins.ts'
import { fixtureDir } from '../test-fixtures/fixture-dir.ts'
import type { GovernorStatus } from './sending-governor.ts'

describe('the per-session sending governor', () => {
  let harness: TestKernel<ManualClock>
  let sender: PluginContext
  let phoneB = ''

  const bodiesSent = async (prefix: string) =>
    (await harness.request<MessagePage>('GET', '/api/messages?clientId=shop&limit=200')).body.items
      .filter((message) => message.fromMe && message.body.startsWith(prefix))
      .reverse()
      .map((message) => message.body)
  const status = async (sessionId = 'shop') => (await harness.request<GovernorStatus>('GET', `/api/sessions/${sessionId}/governor`)).body
  /** Waits (real time, no clock movement) until the queue's head is held back by the governor. */
  const heldBack = () => waitUntil(() => status(), (current) => current.waitingUntil !== null && !current.sending)

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixtureDir('senders')], manualClock: true, config: { sandboxAckDelaysMs: [5, 10, 15, 20], governorSandboxMessagesPerMinute: 900 } })
    await harness.createSession('shop')
    await harness.createSession('b')
    phoneB = (await harness.request<SessionDetail>('GET', '/api/sessions/b')).body.phone ?? ''
    sender = capturedPlugin('sender')
  })
  afterAll(() => harness.close())

  it('uses the driver\'s defaults from the config until a session sets its own', async () => {
    expect(await status()).toMatchObject({ sessionId: 'shop', settings: { messagesPerMinute: 900, jitterMinMs: 0, jitterMaxMs: 0 }, queued: 0, sending: false, sentLastMinute: 0, waitingUntil: null })
    expect((await harness.request<SessionDetail>('GET', '/api/sessions/shop')).body.governor).toBeNull()
    expect(await sender.messages.governorStatus('shop')).toMatchObject({ settings: { messagesPerMinute: 900 } })
  })

  it('refuses bad settings with a 400 naming the field', async () => {
    const tooFast = await harness.request('PATCH', '/api/sessions/shop', { body: { governor: { messagesPerMinute: 0 } } })
    expect(fieldsOf(expectError(tooFast, 400, 'VALIDATION_FAILED'))).toEqual(['body.governor.messagesPerMinute'])
    const backwards = await harness.request('PATCH', '/api/sessions/shop', { body: { governor: { jitterMinMs: 3000, jitterMaxMs: 1000 } } })
    expect(fieldsOf(expectError(backwards, 400, 'VALIDATION_FAILED'))).toEqual(['body.governor.jitterMaxMs'])
    const unknown = await harness.request('PATCH', '/api/sessions/shop', { body: { governor: { perHour: 5 } } })
    expect(fieldsOf(expectError(unknown, 400, 'VALIDATION_FAILED'))).toEqual(['body.governor.perHour'])
    const created = await harness.request('POST', '/api/sessions/create', { body: { clientId: 'bad-governor', driver: 'sandbox', governor: { jitterMinMs: -1 } } })
    expect(fieldsOf(expectError(created, 400, 'VALIDATION_FAILED'))).toEqual(['body.governor.jitterMinMs'])
    const agent = await harness.createUser('agent', ['shop'])
    expect((await harness.request('PATCH', '/api/sessions/shop', { token: agent.token, body: { governor: { messagesPerMinute: 5 } } })).status).toBe(403)
  })

  it('takes settings at creation and shows them on the session', async () => {
    const created = await harness.request<SessionDetail>('POST', '/api/sessions/create', { body: { clientId: 'paced', driver: 'sandbox', governor: { messagesPerMinute: 12 } } })
    expect(created.status).toBe(201)
    expect(created.body.governor).toEqual({ messagesPerMinute: 12 })
    expect((await status('paced')).settings).toEqual({ messagesPerMinute: 12, jitterMinMs: 0, jitterMaxMs: 0 })
  })

  it('paces plugin sends in order: a 1-3 s pause between sends, at most messagesPerMinute a minute', async () => {
    const patched = await harness.request<SessionDetail>('PATCH', '/api/sessions/shop', { body: { governor: { messagesPerMinute: 2, jitterMinMs: 1000, jitterMaxMs: 3000 } } })
    expect(patched.status).toBe(200)
    expect(patched.body.governor).toEqual({ messagesPerMinute: 2, jitterMinMs: 1000, jitterMaxMs: 3000 })

    const sends = ['paced 1', 'paced 2', 'paced 3'].map((text) => sender.messages.send('shop', { to: phoneB, text }))
    await sends[0]
    expect(await bodiesSent('paced')).toEqual(['paced 1'])
    await heldBack()
    await harness.clock.advance(999)
    expect(await bodiesSent('paced')).toEqual(['paced 1'])
    await harness.clock.advance(2001)
    await sends[1]
    expect(await bodiesSent('paced')).toEqual(['paced 1', 'paced 2'])

    // Two sent in this minute: the third waits for the first to leave the 60 s window.
    const held = await heldBack()
    expect(held).toMatchObject({ queued: 1, sentLastMinute: 2 })
    const firstSentAt = Date.parse(held.nextSendAt) - 60_000
    await harness.clock.advanceTo(firstSentAt + 59_999)
    expect(await bodiesSent('paced')).toEqual(['paced 1', 'paced 2'])
    await harness.clock.advance(1)
    await sends[2]
    expect(await bodiesSent('paced')).toEqual(['paced 1', 'paced 2', 'paced 3'])
  })

  it('applies new settings to sends already waiting', async () => {
    await harness.request('PATCH', '/api/sessions/shop', { body: { governor: { messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 } } })
    await harness.clock.advance(60_000)
    await sender.messages.send('shop', { to: phoneB, text: 'relaxed 1' })
    const second = sender.messages.send('shop', { to: phoneB, text: 'relaxed 2' })
    await heldBack()
    expect(await bodiesSent('relaxed')).toEqual(['relaxed 1'])
    await harness.request('PATCH', '/api/sessions/shop', { body: { governor: { messagesPerMinute: 100 } } })
    // No clock movement: the waiting send is weighed again under the new limit.
    await second
    expect(await bodiesSent('relaxed')).toEqual(['relaxed 1', 'relaxed 2'])
  })

  it('drops a waiting send of a session-scoped plugin switched off for the session meanwhile', async () => {
    await harness.request('PATCH', '/api/sessions/shop', { body: { governor: { messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 } } })
    await harness.clock.advance(60_000)
    expect((await harness.request('PUT', '/api/sessions/shop/plugins/scoped-sender', { body: { enabled: true } })).status).toBe(200)
    const scoped = capturedPlugin('scoped-sender')
    await scoped.messages.send('shop', { to: phoneB, text: 'scoped 1' })
    const refused = expect(scoped.messages.send('shop', { to: phoneB, text: 'scoped 2' })).rejects.toMatchObject({ code: 'PLUGIN_SESSION_NOT_ENABLED' })
    await heldBack()
    expect((await harness.request('PUT', '/api/sessions/shop/plugins/scoped-sender', { body: { enabled: false } })).status).toBe(200)
    await harness.clock.advance(60_000)
    await refused
    expect(await bodiesSent('scoped')).toEqual(['scoped 1'])
  })

  it('does not pace sends through the HTTP API (they have the per-key rate limit)', async () => {
    await harness.request('PATCH', '/api/sessions/shop', { body: { governor: { messagesPerMinute: 1, jitterMinMs: 60_000, jitterMaxMs: 60_000 } } })
    for (const text of ['api 1', 'api 2', 'api 3']) {
      const sent = await harness.request('POST', '/api/messages/send-text?clientId=shop', { body: { to: phoneB, text } })
      expect(sent.status).toBe(201)
    }
    expect(await bodiesSent('api')).toEqual(['api 1', 'api 2', 'api 3'])
  })

  it('returns to the defaults with governor: null', async () => {
    const reset = await harness.request<SessionDetail>('PATCH', '/api/sessions/shop', { body: { governor: null } })
    expect(reset.body.governor).toBeNull()
    expect((await status()).settings).toEqual({ messagesPerMinute: 900, jitterMinMs: 0, jitterMaxMs: 0 })
  })

  it('a session deleted while sends wait refuses them', async () => {
    await harness.request('POST', '/api/sessions/create', { body: { clientId: 'doomed', driver: 'sandbox', governor: { messagesPerMinute: 1 } } })
    await sender.messages.send('doomed', { to: phoneB, text: 'first' })
    const refused = expect(sender.messages.send('doomed', { to: phoneB, text: 'never' })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' })
    await waitUntil(() => status('doomed'), (current) => current.waitingUntil !== null)
    expect((await harness.request('DELETE', '/api/sessions/doomed')).status).toBe(204)
    await refused
  })
})
