import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContactBook } from '../messages/contact-book.ts'
import { MessageStore } from '../messages/message-store.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { DriverContext, SessionDriver } from './drivers/driver-contract.ts'
import { SessionManager } from './session-manager.ts'

/** A driver that is ready at once and reports whatever memory the test sets (as PSS; RSS double it). */
function fakeBrowserDriver(context: DriverContext, usage: { rssBytes: number }, started: string[]): SessionDriver {
  return {
    kind: 'whatsapp-web',
    async start() {
      started.push(context.sessionId)
      context.listener.ready({ phone: '15550000001' })
    },
    async stop() {},
    async logout() {},
    async requestPairingCode() {
      return 'ABCD-EFGH'
    },
    async send() {
      throw new Error('not used')
    },
    async react() {},
    async resourceUsage() {
      return { rssBytes: usage.rssBytes * 2, pssBytes: usage.rssBytes }
    },
  }
}

describe('per-session browser memory ceiling', () => {
  let harness: TestKernel
  let manager: SessionManager
  const usage = { rssBytes: 100 * 1024 * 1024 }
  const started: string[] = []

  beforeAll(async () => {
    harness = await createTestKernel()
    manager = new SessionManager({
      orm: harness.kernel.orm,
      bus: harness.kernel.bus,
      logger: harness.kernel.logger,
      dataDir: harness.dataDir,
      createDriver: async (_kind, context) => fakeBrowserDriver(context, usage, started),
      messages: new MessageStore(harness.kernel.orm, harness.kernel.bus, new ContactBook()),
      notifier: undefined,
      reconnect: { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 1 },
      startConcurrency: 1,
      maxRssBytes: 500 * 1024 * 1024,
      memoryCheckIntervalMs: 60_000,
    })
    await manager.create({ clientId: 'heavy', driver: 'whatsapp-web', name: undefined })
    await manager.settled('heavy')
  })
  afterAll(async () => {
    await manager.stopAll()
    await harness.close()
  })

  it('leaves a session under the ceiling alone', async () => {
    await manager.enforceMemoryCeiling()
    expect(started).toEqual(['heavy'])
    expect(manager.runtime('heavy')?.recycles).toBe(0)
  })

  it('gives a session above the ceiling a fresh browser and counts it', async () => {
    usage.rssBytes = 900 * 1024 * 1024
    await manager.enforceMemoryCeiling()
    await manager.settled('heavy')
    expect(started).toEqual(['heavy', 'heavy'])
    expect(manager.runtime('heavy')?.recycles).toBe(1)
    expect(manager.runtime('heavy')?.status).toBe('ready')
  })
})
