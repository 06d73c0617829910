import type { SqlEntityManager } from '@mikro-orm/knex'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ManualClock } from '../clock/index.ts'
import { fixtureLog, type PluginList } from '../plugins/test-fixtures/fixture-helpers.ts'
import { RealtimeClients, record, request, waitFor } from '../realtime/test-fixtures/realtime-client.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { respondersFixture } from './test-fixtures/fixture-paths.ts'

const customer = '+966500000001'
const chatId = '966500000001@c.us'

describe('responders answer inbound messages in the declared order', () => {
  let harness: TestKernel<ManualClock>
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [respondersFixture('chain')], manualClock: true })
    await harness.createSession('shop')
  })
  beforeEach(() => {
    fixtureLog().length = 0
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  const inbound = async (text: string, from = customer) => {
    const sent = await harness.request<{ messageId: string }>('POST', '/api/sessions/shop/sandbox/inbound', { body: { from, text } })
    expect(sent.status).toBe(201)
    await harness.kernel.bus.idle()
    return sent.body.messageId
  }
  const turns = () => fixtureLog().filter((line) => line.startsWith('turn '))
  const ownerRows = () => (harness.kernel.orm.em.fork() as SqlEntityManager).getKnex()('chat_owners').select('session_id', 'chat_id', 'plugin_id', 'kind')

  it('lists the declared responders with the plugins', async () => {
    const listed = await harness.request<{ items: Array<PluginList['items'][number] & { contributes: Record<string, unknown> }> }>('GET', '/api/plugins')
    const quiz = listed.body.items.find((item) => item.id === 'quiz-bot')
    expect(quiz?.contributes).toEqual({ responders: [{ id: 'quiz', priority: 400 }] })
    expect(listed.body.items.every((item) => item.status === 'started')).toBe(true)
  })

  it('asks each responder by priority; the first claim answers, the rest observe; a throwing one is skipped', async () => {
    await inbound('hello')
    // human-desk is session-scoped and off for this session: it is not asked.
    expect(turns()).toEqual([
      'turn hello | faq-bot | claimedBy=- | owner=- | passed',
      'turn hello | broken-responder | throws',
      'turn hello | quiz-bot | claimedBy=- | owner=- | claimed',
    ])
    const metrics = await harness.request<string>('GET', '/metrics')
    expect(metrics.body).toMatch(/waqtor_responder_errors_total\{plugin="broken-responder",responder="crash"\} 1/)
    expect(metrics.body).toMatch(/waqtor_responder_claims_total\{plugin="quiz-bot",responder="quiz"\} 1/)
  })

  it('lets the opt-out guard answer first; later responders see who claimed', async () => {
    await inbound('STOP')
    expect(turns()).toEqual([
      'turn STOP | faq-bot | claimedBy=stop-words/opt-out | owner=- | observed',
      'turn STOP | broken-responder | throws',
      'turn STOP | quiz-bot | claimedBy=stop-words/opt-out | owner=- | observed',
    ])
    const optedOut = await harness.request<{ items: string[] }>('GET', '/api/plugins/stop-words/opted-out')
    expect(optedOut.body.items).toEqual([`shop ${chatId}`])
  })

  it('stores and shows a claimed message like any other, without responder bookkeeping', async () => {
    const socket = await clients.connect({ token: harness.admin.token })
    const received = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'shop' })).toEqual({ ok: true })
    const messageId = await inbound('START')
    await waitFor('the claimed message in realtime', () => received.some((item) => item.payload.messageId === messageId))
    const live = received.find((item) => item.payload.messageId === messageId)
    expect(live?.event).toBe('message.received')
    expect(Object.keys(live?.payload ?? {}).sort()).toEqual(['body', 'chatId', 'from', 'fromMe', 'messageId', 'sessionId', 'timestamp', 'to', 'type'])
    const stored = await harness.request<{ items: Array<{ id: string; body: string }> }>('GET', `/api/messages?clientId=shop&chatId=${chatId}&limit=1`)
    expect(stored.body.items[0]).toMatchObject({ id: messageId, body: 'START' })
  })

  it('gives the chat owner the first say after the guards, and every responder sees the owner', async () => {
    await inbound('quiz')
    expect(await ownerRows()).toEqual([{ session_id: 'shop', chat_id: chatId, plugin_id: 'quiz-bot', kind: 'flow' }])
    fixtureLog().length = 0
    // Without an owner faq-bot (300) would answer a question before quiz-bot (400).
    await inbound('what is the prize?')
    expect(turns()).toEqual([
      'turn what is the prize? | quiz-bot | claimedBy=- | owner=quiz-bot/flow | claimed as owner',
      'turn what is the prize? | faq-bot | claimedBy=quiz-bot/quiz | owner=quiz-bot/flow | observed',
      'turn what is the prize? | broken-responder | throws',
    ])
    // Guards still come first: STOP is not the quiz's answer.
    fixtureLog().length = 0
    await inbound('stop')
    expect(turns()[0]).toBe('turn stop | quiz-bot | claimedBy=stop-words/opt-out | owner=quiz-bot/flow | observed')
  })

  it('keeps owners of other chats apart, and lets the ownership lapse at its time', async () => {
    fixtureLog().length = 0
    await inbound('another question?', '+966500000002')
    expect(turns()[0]).toBe('turn another question? | faq-bot | claimedBy=- | owner=- | claimed')
    harness.clock.advance(61_000)
    fixtureLog().length = 0
    await inbound('is it over?')
    expect(turns()[0]).toBe('turn is it over? | faq-bot | claimedBy=- | owner=- | claimed')
  })

  it('refuses a chat owned by another plugin unless it takes over, and releases a plugin\'s chats when it is switched off', async () => {
    await inbound('quiz')
    const taken = await harness.request<{ error: { code: string } }>('POST', `/api/plugins/human-desk/take/shop/${chatId}`)
    // Off for this session: it may not own chats there.
    expect(taken.body.error.code).toBe('PLUGIN_SESSION_NOT_ENABLED')
    expect((await harness.request('PUT', '/api/sessions/shop/plugins/human-desk', { body: { enabled: true } })).status).toBe(200)
    const refused = await harness.request<{ error: { code: string; message: string } }>('POST', `/api/plugins/human-desk/take/shop/${chatId}`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('CHAT_OWNED')

    fixtureLog().length = 0
    await inbound('agent please')
    expect(turns()).toEqual([
      'turn agent please | quiz-bot | claimedBy=- | owner=quiz-bot/flow | claimed as owner',
      'turn agent please | human-desk | claimedBy=quiz-bot/quiz | owner=quiz-bot/flow | observed',
      'turn agent please | faq-bot | claimedBy=quiz-bot/quiz | owner=quiz-bot/flow | observed',
      'turn agent please | broken-responder | throws',
    ])
    await inbound('done')
    fixtureLog().length = 0
    await inbound('agent please')
    expect(turns().slice(0, 2)).toEqual([
      'turn agent please | human-desk | claimedBy=- | owner=- | claimed, owns the chat',
      'turn agent please | faq-bot | claimedBy=human-desk/agent | owner=human-desk/agent | observed',
    ])
    fixtureLog().length = 0
    await inbound('quiz')
    expect(turns().at(-1)).toBe('turn quiz | quiz-bot | claimedBy=human-desk/agent | owner=human-desk/agent | observed')

    expect((await harness.request('PUT', '/api/sessions/shop/plugins/human-desk', { body: { enabled: false } })).status).toBe(200)
    await harness.kernel.bus.idle()
    expect(await ownerRows()).toEqual([])
    fixtureLog().length = 0
    await inbound('is anyone there?')
    expect(turns()[0]).toBe('turn is anyone there? | faq-bot | claimedBy=- | owner=- | claimed')
  })

  it('counts an owner whose plugin does not run as none, and lets a running plugin take the chat', async () => {
    const knex = (harness.kernel.orm.em.fork() as SqlEntityManager).getKnex()
    await knex('chat_owners').insert({ session_id: 'shop', chat_id: '966500000003@c.us', plugin_id: 'uninstalled-crm', kind: 'agent', since_ms: Date.now(), until_ms: null })
    fixtureLog().length = 0
    await inbound('hi', '+966500000003')
    expect(turns().at(-1)).toBe('turn hi | quiz-bot | claimedBy=- | owner=- | claimed')
    await inbound('quiz', '+966500000003')
    expect(await knex('chat_owners').where({ chat_id: '966500000003@c.us' }).select('plugin_id', 'kind')).toEqual([{ plugin_id: 'quiz-bot', kind: 'flow' }])
  })

  it('forgets the owners of a deleted session', async () => {
    await inbound('quiz')
    expect(await ownerRows()).toHaveLength(2)
    expect((await harness.request('DELETE', '/api/sessions/shop')).status).toBe(204)
    expect(await ownerRows()).toEqual([])
  })
})

describe('responder declarations', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [respondersFixture('refusals')] })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('fails a plugin registering an undeclared responder, and refuses a manifest declaring one twice', async () => {
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    const byId = new Map(listed.body.items.map((item) => [item.id, item]))
    expect(byId.get('undeclared-responder')).toMatchObject({ status: 'failed', error: { code: 'PLUGIN_RESPONDER_UNDECLARED', details: { field: 'contributes.responders', responder: 'sneaky' } } })
    expect(byId.get('undeclared-responder')?.error?.message).toContain('"undeclared-responder"')
    const duplicate = byId.get('duplicate-responder')
    expect(duplicate).toMatchObject({ status: 'failed', error: { code: 'PLUGIN_MANIFEST_INVALID' } })
    expect(duplicate?.error?.details).toMatchObject({ issues: [{ field: 'contributes.responders', message: '"twice" is declared twice' }] })
  })
})
