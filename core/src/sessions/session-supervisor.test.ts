import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { sessionStatusChanged } from '../bus/core-events.ts'
import { Contact, Message, Session } from '../db/entities/index.ts'
import { createLogger } from '../logging/create-logger.ts'
import { ContactBook } from '../messages/contact-book.ts'
import { MessageStore } from '../messages/message-store.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { SessionManager, type SessionNotifier } from './session-manager.ts'
import { DriverScript, type StartOutcome } from './test-fixtures/scripted-driver.ts'
import { recordEvents, waitForEvent, waitUntil } from './test-fixtures/wait-for-event.ts'

type Notification = Parameters<SessionNotifier['notifySession']>[1] & { sessionId: string }

describe('session supervisor: reconnect with backoff, then give up and tell people', () => {
  let harness: TestKernel
  let manager: SessionManager | undefined
  const logLines: string[] = []
  const notifications: Notification[] = []
  let sessions = 0

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterEach(async () => {
    await manager?.stopAll()
    manager = undefined
    notifications.length = 0
  })
  afterAll(async () => {
    await harness.close()
  })

  /** A manager of its own on the kernel's database and bus, with a scripted driver. */
  function managerWith(outcomes: (attempt: number) => StartOutcome): { manager: SessionManager; script: DriverScript; clientId: string } {
    const script = new DriverScript(outcomes)
    manager = new SessionManager({
      orm: harness.kernel.orm,
      bus: harness.kernel.bus,
      logger: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
      dataDir: harness.dataDir,
      createDriver: async (_kind, context) => script.create(context),
      messages: new MessageStore(harness.kernel.orm, harness.kernel.bus, new ContactBook()),
      notifier: { notifySession: async (sessionId, input) => void notifications.push({ sessionId, ...input }) },
      reconnect: { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 2 },
      startConcurrency: 2,
      maxRssBytes: 0,
      memoryCheckIntervalMs: 60_000,
    })
    return { manager, script, clientId: `supervised-${++sessions}` }
  }

  const statusOf = (clientId: string, status: string) => waitForEvent(harness.kernel.bus, sessionStatusChanged, (event) => event.sessionId === clientId && event.status === status)

  it('retries a session that cannot start, then marks it failed with the cause and the attempts, and notifies once', async () => {
    const { manager, script, clientId } = managerWith(() => 'reject')
    const statuses = recordEvents(harness.kernel.bus, sessionStatusChanged, (event) => event.sessionId === clientId)
    const failed = statusOf(clientId, 'failed')
    await manager.create({ clientId, driver: 'whatsapp-web', name: undefined })
    const event = await failed
    await harness.kernel.bus.idle()
    statuses.dispose()

    expect(script.starts).toBe(3)
    expect(statuses.events.map((change) => change.status)).toEqual(['starting', 'disconnected', 'starting', 'disconnected', 'starting', 'failed'])
    expect(statuses.events[1]?.error).toMatch(/^start failed: Chromium crashed on launch; reconnect 1\/2 in /)
    expect(statuses.events[3]?.error).toMatch(/reconnect 2\/2 in /)
    expect(event.error).toBe('start failed: Chromium crashed on launch; gave up after 2 reconnect attempts')

    const runtime = manager.runtime(clientId)
    expect(runtime).toMatchObject({ status: 'failed', lastError: event.error, reconnects: 2, nextRetryAt: null, driver: undefined })
    const row = await harness.kernel.orm.em.fork().findOneOrFail(Session, { clientId })
    expect(row).toMatchObject({ status: 'failed', lastError: event.error, desiredState: 'running' })

    // The notification follows the status change.
    await waitUntil(async () => notifications.length, (count) => count > 0)
    expect(notifications).toEqual([{ sessionId: clientId, type: 'session.failed', severity: 'error', title: `Session ${clientId} failed`, body: event.error, data: { sessionId: clientId } }])
  })

  it('starts a failed session again from the first attempt when asked to', async () => {
    let healthy = false
    const { manager, script, clientId } = managerWith(() => (healthy ? 'ready' : 'reject'))
    const failed = statusOf(clientId, 'failed')
    await manager.create({ clientId, driver: 'whatsapp-web', name: undefined })
    await failed
    await waitUntil(async () => notifications.length, (count) => count > 0)
    healthy = true
    await manager.start(clientId)
    await manager.settled(clientId)
    expect(script.starts).toBe(4)
    expect(manager.runtime(clientId)).toMatchObject({ status: 'ready', lastError: null, attempt: 0, phone: '15550003333' })
    expect(notifications).toHaveLength(1)
  })

  it('recovers by itself when a later attempt works, without notifying anyone', async () => {
    const { manager, script, clientId } = managerWith((attempt) => (attempt < 3 ? 'reject' : 'ready'))
    const ready = statusOf(clientId, 'ready')
    await manager.create({ clientId, driver: 'whatsapp-web', name: undefined })
    await ready
    await manager.settled(clientId)
    expect(script.starts).toBe(3)
    expect(manager.runtime(clientId)).toMatchObject({ status: 'ready', lastError: null, reconnects: 2, attempt: 0 })
    expect(notifications).toEqual([])
  })

  it('does not retry a refused login: failed at once, and notified', async () => {
    const { manager, script, clientId } = managerWith(() => 'auth-failure')
    await manager.create({ clientId, driver: 'whatsapp-web', name: undefined })
    await manager.settled(clientId)
    expect(script.starts).toBe(1)
    expect(manager.runtime(clientId)).toMatchObject({ status: 'failed', lastError: 'authentication failed: device revoked on the phone' })
    expect(notifications.map((notification) => notification.type)).toEqual(['session.failed'])
  })

  it('stops retrying when the session is stopped during the backoff', async () => {
    const { manager, script, clientId } = managerWith(() => 'reject')
    const twin = `${clientId}-twin`
    const launches = (id: string) => script.contexts.filter((context) => context.sessionId === id).length
    const disconnected = statusOf(clientId, 'disconnected')
    const twinFailed = statusOf(twin, 'failed')
    await Promise.all([manager.create({ clientId, driver: 'whatsapp-web', name: undefined }), manager.create({ clientId: twin, driver: 'whatsapp-web', name: undefined })])
    await disconnected
    await manager.stop(clientId)
    const launchedBeforeStop = launches(clientId)
    // The twin runs the same backoff schedule: once it has given up, any retry of ours would have run.
    await twinFailed
    expect(launches(twin)).toBe(3)
    expect(launches(clientId)).toBe(launchedBeforeStop)
    expect(manager.runtime(clientId)).toMatchObject({ status: 'stopped', nextRetryAt: null, lastError: null })
    await waitUntil(async () => notifications.length, (count) => count > 0)
    expect(notifications.map((notification) => notification.sessionId)).toEqual([twin])
  })

  it('leaves no driver running when a stop comes while the session is starting', async () => {
    const { manager, script, clientId } = managerWith(() => 'ready')
    await manager.create({ clientId, driver: 'whatsapp-web', name: undefined })
    await manager.settled(clientId)
    expect(script.running.get(clientId)).toBe(1)
    await Promise.all([manager.restart(clientId), manager.stop(clientId)])
    await manager.settled(clientId)
    expect(manager.runtime(clientId)).toMatchObject({ status: 'stopped', driver: undefined })
    expect(script.running.get(clientId)).toBe(0)
    expect((await harness.kernel.orm.em.fork().findOneOrFail(Session, { clientId })).desiredState).toBe('stopped')
  })

  it('deletes a session only after the events already received are handled, leaving no rows behind', async () => {
    const { manager, script, clientId } = managerWith(() => 'ready')
    await manager.create({ clientId, driver: 'whatsapp-web', name: undefined })
    await manager.settled(clientId)
    const runtime = manager.runtime(clientId)
    for (let index = 0; index < 30; index++) script.latest.listener.message(script.inbound(index))
    await manager.delete(clientId)
    await runtime?.queue
    const em = harness.kernel.orm.em.fork()
    expect(await em.count(Message, { sessionId: clientId })).toBe(0)
    expect(await em.count(Contact, { sessionId: clientId })).toBe(0)
    expect(manager.runtime(clientId)).toBeUndefined()
  })
})
