import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MessageView } from '../messages/message-view.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { RealtimeStatsSnapshot } from './realtime-stats.ts'
import { RealtimeClients, record, request, waitFor } from './test-fixtures/realtime-client.ts'

describe('GET /api/realtime/stats and the realtime metrics', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel({ config: { sandboxAckDelaysMs: [5, 10, 15, 20] } })
    await harness.createSession('a')
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  const stats = async () => {
    const response = await harness.request<RealtimeStatsSnapshot>('GET', '/api/realtime/stats')
    expect(response.status).toBe(200)
    return response.body
  }

  it('is for admins only', async () => {
    const agent = await harness.createUser('agent', ['a'])
    expect((await harness.request('GET', '/api/realtime/stats', { token: agent.token })).status).toBe(403)
    expect((await harness.request('GET', '/api/realtime/stats', { anonymous: true })).status).toBe(401)
  })

  it('follows connections, subscriptions, traffic and refusals', async () => {
    const before = await stats()
    expect(before).toMatchObject({ connections: { '/core': 0 }, subscriptions: { '/core': { messages: 0, sessions: 0, notifications: 0 } }, windowSeconds: 10 })

    await clients.refusal({ token: 'wrong' })
    await clients.refusal({})
    const socket = await clients.connect({ token: harness.admin.token })
    const received = record(socket)
    await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'a' })
    const subscribed = await stats()
    expect(subscribed.connections['/core']).toBe(1)
    expect(subscribed.subscriptions['/core']?.messages).toBe(1)
    expect(subscribed.rejectedHandshakes.INVALID_CREDENTIALS).toBe((before.rejectedHandshakes.INVALID_CREDENTIALS ?? 0) + 1)
    expect(subscribed.rejectedHandshakes.UNAUTHORIZED).toBe((before.rejectedHandshakes.UNAUTHORIZED ?? 0) + 1)

    const sent = await harness.request<MessageView>('POST', '/api/messages/send-text?clientId=a', { body: { to: '+966501234567', text: 'counted' } })
    await waitFor('the read ACK', () => received.some((item) => item.payload.messageId === sent.body.id && item.payload.ack === 3))
    const after = await stats()
    expect(after.eventsOut - before.eventsOut).toBe(received.length)
    expect(after.bytesOut).toBeGreaterThan(before.bytesOut + received.length * 50)
    expect(after.eventsOutPerSecond).toBeGreaterThan(0)
    expect(after.bytesOutPerSecond).toBeGreaterThan(0)

    const metrics = await harness.request<string>('GET', '/metrics')
    expect(metrics.body).toContain('waqtor_realtime_connections{namespace="/core"} 1')
    expect(metrics.body).toContain('waqtor_realtime_subscriptions{namespace="/core",topic="messages"} 1')
    expect(metrics.body).toContain(`waqtor_realtime_events_out_total{namespace="/core"} ${after.eventsOut}`)
    expect(metrics.body).toMatch(/waqtor_realtime_rejected_handshakes_total\{reason="INVALID_CREDENTIALS"\} [1-9]/)
    expect(metrics.body).toMatch(/waqtor_realtime_events_out_per_second [0-9.]+/)

    socket.disconnect()
    let gone = after
    await waitFor('the disconnect to be counted', () => {
      gone = harness.kernel.realtime.stats.snapshot()
      return gone.connections['/core'] === 0
    })
    expect(gone.subscriptions['/core']?.messages).toBe(0)
  })
})
