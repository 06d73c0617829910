import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { processesMentioning } from './drivers/whatsapp-web/test-fixtures/processes-mentioning.ts'

interface SessionBody {
  status: string
  lastError: string | null
  reconnects: number
}

async function waitForStatus(harness: TestKernel, clientId: string, wanted: string, deadlineMs: number): Promise<SessionBody> {
  const until = Date.now() + deadlineMs
  for (;;) {
    const session = await harness.request<SessionBody>('GET', `/api/sessions/${clientId}`)
    if (session.body.status === wanted) return session.body
    if (Date.now() > until) throw new Error(`session ${clientId} stayed ${session.body.status} (${session.body.lastError}), expected ${wanted}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

// A real whatsapp-web session on this machine: Chromium starts, WhatsApp Web cannot be reached.
describe('a whatsapp-web session that cannot reach WhatsApp', { timeout: 180_000 }, () => {
  let harness: TestKernel
  beforeAll(async () => {
    harness = await createTestKernel({ config: { reconnectBaseDelayMs: 50, reconnectMaxDelayMs: 100, reconnectMaxAttempts: 1 } })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('reports why it is retrying, then fails with a notification, and leaves no Chromium behind when deleted', async () => {
    const created = await harness.request<SessionBody>('POST', '/api/sessions/create', { body: { clientId: 'real-phone', driver: 'whatsapp-web' } })
    expect(created.status).toBe(201)
    const profile = path.join(harness.dataDir, 'sessions', 'real-phone')

    const failed = await waitForStatus(harness, 'real-phone', 'failed', 150_000)
    expect(failed.lastError).toMatch(/start failed: .*ERR_/)
    expect(failed.lastError).toContain('gave up after 1 reconnect attempts')
    expect(failed.reconnects).toBe(1)

    const notifications = await harness.request<{ items: Array<{ type: string; sessionId: string | null }> }>('GET', '/api/notifications?type=session.failed')
    expect(notifications.body.items).toContainEqual(expect.objectContaining({ type: 'session.failed', sessionId: 'real-phone' }))

    expect(await processesMentioning(profile)).toEqual([])
    expect((await harness.request('DELETE', '/api/sessions/real-phone')).status).toBe(204)
    expect(await processesMentioning(profile)).toEqual([])
    expect((await harness.request('GET', '/api/sessions/real-phone')).status).toBe(404)
  })

  it('kills the browser of a session deleted while it is still starting', async () => {
    await harness.request('POST', '/api/sessions/create', { body: { clientId: 'deleted-early', driver: 'whatsapp-web' } })
    const profile = path.join(harness.dataDir, 'sessions', 'deleted-early')
    expect((await harness.request('DELETE', '/api/sessions/deleted-early')).status).toBe(204)
    expect(await processesMentioning(profile)).toEqual([])
  })
})
