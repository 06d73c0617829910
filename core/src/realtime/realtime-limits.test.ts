import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { messageReceived, sessionQrReceived } from '../bus/core-events.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { RealtimeClients, record, request, stopReading, waitFor, type Ack } from './test-fixtures/realtime-client.ts'

describe('realtime limits', () => {
  let harness: TestKernel
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    harness = await createTestKernel({ config: { realtimeSoftBufferedEvents: 4, realtimeMaxBufferedEvents: 64 } })
    await harness.createSession('a')
  })
  afterEach(() => clients.closeAll())
  afterAll(async () => {
    await harness.close()
  })

  const stats = () => harness.kernel.realtime.stats.snapshot()

  it('drops emits beyond the per-socket rate and says so in their acks', async () => {
    const socket = await clients.connect({ token: harness.admin.token })
    const acks = await Promise.all(Array.from({ length: 100 }, () => request(socket, 'subscribe', { topics: ['sessions'] })))
    const limited = acks.filter((ack): ack is Extract<Ack, { ok: false }> => !ack.ok)
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(40)
    expect(limited.length).toBeGreaterThan(0)
    expect(limited.every((ack) => ack.error.code === 'RATE_LIMITED')).toBe(true)
    expect(stats().rateLimitedEmits).toBeGreaterThanOrEqual(limited.length)
    // Another socket has its own budget.
    const other = await clients.connect({ token: harness.admin.token })
    expect(await request(other, 'subscribe', { topics: ['sessions'] })).toEqual({ ok: true })
  })

  it('disconnects a client that sends more than the maximum payload', async () => {
    const socket = await clients.connect({ token: harness.admin.token })
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve))
    socket.emit('subscribe', { topics: ['x'.repeat(70 * 1024)] })
    expect(await reason).toBe('transport close')
  })

  it('skips volatile events for a client that lags, then cuts it off instead of buffering without end', async () => {
    const healthy = await clients.connect({ token: harness.admin.token })
    const stalled = await clients.connect({ token: harness.admin.token })
    for (const socket of [healthy, stalled]) expect(await request(socket, 'subscribe', { topics: ['messages', 'sessions'], sessionId: 'a' })).toEqual({ ok: true })
    const healthyReceived = record(healthy)
    stopReading(stalled)
    const before = stats()

    const body = 'x'.repeat(32 * 1024)
    let sent = 0
    const deadline = Date.now() + 20_000
    while (stats().backpressureDisconnects === before.backpressureDisconnects) {
      if (Date.now() > deadline) throw new Error(`the stalled client was never cut off: ${JSON.stringify(stats())}`)
      for (let index = 0; index < 20; index++, sent++) {
        void harness.kernel.bus.emit(messageReceived, {
          sessionId: 'a', messageId: `big-${sent}`, chatId: 'x@c.us', from: 'x@c.us', to: 'a@c.us', type: 'text', body, timestamp: new Date().toISOString(), fromMe: false,
        })
        void harness.kernel.bus.emit(sessionQrReceived, { sessionId: 'a', qr: `qr-${sent}` })
      }
      await harness.kernel.bus.idle()
      // Let I/O run, as between bursts of real traffic: the healthy client reads, the stalled one does not.
      await new Promise((resolve) => setTimeout(resolve, 20))
    }

    const after = stats()
    expect(after.droppedEvents).toBeGreaterThan(before.droppedEvents)
    // The healthy client got every message and stays connected.
    await waitFor('every message at the healthy client', () => healthyReceived.filter((item) => item.event === 'message.received').length === sent)
    expect(healthy.connected).toBe(true)
    const metrics = await harness.request<string>('GET', '/metrics')
    expect(metrics.body).toMatch(/waqtor_realtime_backpressure_disconnects_total\{namespace="\/core"\} [1-9]/)
    expect(metrics.body).toMatch(/waqtor_realtime_dropped_events_total\{namespace="\/core"\} [1-9]/)
  })
})
