import { afterEach, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { RealtimeClients, request, stopReading } from './test-fixtures/realtime-client.ts'

describe('realtime at shutdown', () => {
  let harness: TestKernel | undefined
  const clients = new RealtimeClients(() => harness?.url ?? '')
  const resumes: Array<() => void> = []

  afterEach(async () => {
    for (const resume of resumes.splice(0)) resume()
    clients.closeAll()
    await harness?.close()
  })

  it('disconnects every client, including one that stopped reading, and leaves no connection open', async () => {
    harness = await createTestKernel({ config: { shutdownTimeoutMs: 500 } })
    await harness.createSession('a')
    const healthy = await clients.connect({ token: harness.admin.token })
    const stalled = await clients.connect({ token: harness.admin.token })
    for (const socket of [healthy, stalled]) expect(await request(socket, 'subscribe', { topics: ['sessions'] })).toEqual({ ok: true })
    resumes.push(stopReading(stalled))
    const disconnected = new Promise<string>((resolve) => healthy.once('disconnect', resolve))
    const server = harness.kernel.realtime.io.httpServer

    await harness.kernel.stop()
    expect(await disconnected).toBe('transport close')
    expect(server.listening).toBe(false)
    const open = await new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))))
    expect(open).toBe(0)
    expect(harness.kernel.state).toBe('stopped')
  })
})
