import { rm } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PluginList } from '../plugins/test-fixtures/fixture-helpers.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { writeRealtimePlugins } from './test-fixtures/live-board-plugin.ts'
import { RealtimeClients, record, request, waitFor } from './test-fixtures/realtime-client.ts'

describe('plugin.io: a namespace per plugin', () => {
  let harness: TestKernel
  let pluginsDir = ''
  const clients = new RealtimeClients(() => harness.url)
  const board = '/plugins/live-board'

  beforeAll(async () => {
    pluginsDir = await writeRealtimePlugins()
    harness = await createTestKernel({ pluginDirs: [pluginsDir] })
    await harness.createSession('a')
    await harness.createSession('b')
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  it('authenticates its clients like /core', async () => {
    expect((await clients.refusal({ namespace: board })).code).toBe('UNAUTHORIZED')
    expect((await clients.refusal({ namespace: board, token: harness.admin.token, headers: { origin: 'http://evil.example' } })).code).toBe('ORIGIN_NOT_ALLOWED')
  })

  it('runs the plugin\'s connection and emit handlers, and sends its topic to that session\'s subscribers only', async () => {
    const poster = clients.open({ namespace: board, token: harness.admin.token })
    const welcome = new Promise<unknown>((resolve) => poster.once('live-board.welcome', resolve))
    expect(await welcome).toEqual({ name: 'admin@test.local' })

    const { key: keyOfA } = await harness.createApiKey('viewer', ['a'])
    const { key: keyOfB } = await harness.createApiKey('viewer', ['b'])
    const readerOfA = await clients.connect({ namespace: board, token: keyOfA })
    const readerOfB = await clients.connect({ namespace: board, token: keyOfB })
    const seenByA = record(readerOfA)
    const seenByB = record(readerOfB)
    expect(await request(readerOfA, 'subscribe', { topics: ['board'] })).toEqual({ ok: true })
    expect(await request(readerOfB, 'subscribe', { topics: ['board'] })).toEqual({ ok: true })
    expect(await request(readerOfB, 'subscribe', { topics: ['board'], sessionId: 'a' })).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_FOUND' } })
    expect(await request(readerOfA, 'subscribe', { topics: ['messages'] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TOPIC' } })

    expect(await request(poster, 'live-board.post', { sessionId: 'a', text: 'viewing at 5' })).toEqual({ ok: true, data: { reached: 1 } })
    expect(await request(poster, 'live-board.post', { sessionId: 'b', text: 'new listing' })).toEqual({ ok: true, data: { reached: 1 } })
    await waitFor('the notes', () => seenByA.length > 0 && seenByB.length > 0)
    expect(seenByA).toEqual([{ event: 'live-board.note.posted', payload: { sessionId: 'a', text: 'viewing at 5', by: 'admin@test.local' } }])
    expect(seenByB).toEqual([{ event: 'live-board.note.posted', payload: { sessionId: 'b', text: 'new listing', by: 'admin@test.local' } }])

    const stats = await harness.request<{ connections: Record<string, number>; subscriptions: Record<string, Record<string, number>> }>('GET', '/api/realtime/stats')
    expect(stats.body.connections[board]).toBe(3)
    expect(stats.body.subscriptions[board]).toEqual({ board: 2 })
  })

  it('answers a failing handler with a coded error and keeps serving', async () => {
    const socket = await clients.connect({ namespace: board, token: harness.admin.token })
    expect(await request(socket, 'live-board.fail', {})).toEqual({ ok: false, error: { code: 'INTERNAL_ERROR', message: 'The request failed on the server' } })
    expect(await request(socket, 'live-board.nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } })
    expect(await request(socket, 'live-board.post', { sessionId: 'a', text: 'still here' })).toMatchObject({ ok: true })
  })

  it('applies the emit rate limit in plugin namespaces too', async () => {
    const socket = await clients.connect({ namespace: board, token: harness.admin.token })
    const acks = await Promise.all(Array.from({ length: 100 }, (_, index) => request(socket, 'live-board.post', { sessionId: 'a', text: `spam ${index}` })))
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0)
  })

  it('closes the namespace of a plugin that stopped, and refuses plugin.io without the manifest declaration', async () => {
    const plugins = await harness.request<PluginList>('GET', '/api/plugins')
    const byId = new Map(plugins.body.items.map((item) => [item.id, item]))
    expect(byId.get('live-board')?.status).toBe('started')
    expect(byId.get('late-failer')?.status).toBe('failed')
    expect(byId.get('undeclared')).toMatchObject({ status: 'failed', error: { code: 'PLUGIN_NAMESPACE_NOT_DECLARED' } })
    expect((await clients.refusal({ namespace: '/plugins/late-failer', token: harness.admin.token })).code).toBe('PLUGIN_NOT_AVAILABLE')
    expect((await clients.refusal({ namespace: '/plugins/undeclared', token: harness.admin.token })).message).toBe('Invalid namespace')
  })
})
