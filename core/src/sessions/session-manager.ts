import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { MikroORM } from '@mikro-orm/core'
import type { EventBus } from '../bus/event-bus.ts'
import { sessionCreated, sessionDeleted, sessionDisconnected, sessionQrReceived, sessionReady, sessionStatusChanged, type SessionStatus } from '../bus/core-events.ts'
import { Contact, Message, PendingAck, PluginSessionSetting, Session } from '../db/entities/index.ts'
import { ConflictError, NotFoundError } from '../errors/app-error.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { MessageStore } from '../messages/message-store.ts'
import type { DriverFactory } from './driver-factory.ts'
import type { DriverKind, DriverListener, SessionDriver } from './drivers/driver-contract.ts'
import { writeSandboxLink } from './drivers/sandbox/sandbox-link.ts'
import { newRuntime, retryDelay, type SessionRuntime } from './session-runtime.ts'

export interface SessionNotifier {
  notifySession(sessionId: string, input: { type: string; severity: 'info' | 'warning' | 'error'; title: string; body: string; data?: Record<string, string> }): Promise<unknown>
}

export interface SessionManagerOptions {
  orm: MikroORM
  bus: EventBus
  logger: Logger
  dataDir: string
  createDriver: DriverFactory
  messages: MessageStore
  notifier: SessionNotifier | undefined
  reconnect: { baseDelayMs: number; maxDelayMs: number; maxAttempts: number }
  startConcurrency: number
  /** Browser memory ceiling per session; a session above it gets a fresh browser. 0 turns it off. */
  maxRssBytes: number
  /** How often the ceiling is checked. */
  memoryCheckIntervalMs: number
  /** Runs once the session's own rows and files are gone, before `session.deleted` (plugins' clean-ups). */
  afterDelete?: (clientId: string) => Promise<void>
}

/**
 * Runs the WhatsApp accounts of this node: clientId -> driver. Creates, starts, stops, restarts and
 * deletes sessions without a kernel restart; persists their state; restores the ones meant to run;
 * reconnects with capped exponential backoff, then marks the session failed and notifies people.
 */
export class SessionManager {
  private readonly runtimeMap = new Map<string, SessionRuntime>()
  private closing = false
  private memoryTimer: NodeJS.Timeout | undefined
  /** Launches still running (a real browser can take seconds to start or to fail). */
  private readonly launching = new Set<Promise<void>>()
  /** start/stop/restart/delete of a session run one at a time, in call order. */
  private readonly lifecycles = new Map<string, Promise<unknown>>()

  constructor(private readonly options: SessionManagerOptions) {}

  sessionDir(clientId: string): string {
    return path.join(this.options.dataDir, 'sessions', clientId)
  }

  runtime(clientId: string): SessionRuntime | undefined {
    return this.runtimeMap.get(clientId)
  }

  runtimes(): IterableIterator<SessionRuntime> {
    return this.runtimeMap.values()
  }

  /** Starts every session whose desired state is `running`, a few at a time, then watches memory. */
  async restore(): Promise<void> {
    if (this.options.maxRssBytes > 0) {
      this.memoryTimer = setInterval(() => void this.enforceMemoryCeiling(), this.options.memoryCheckIntervalMs)
      this.memoryTimer.unref()
    }
    const sessions = await this.options.orm.em.fork().find(Session, {}, { orderBy: { clientId: 'asc' } })
    for (const session of sessions) {
      const runtime = newRuntime(session.clientId, session.driver as DriverKind, session.phone ?? null)
      runtime.status = session.desiredState === 'running' ? 'starting' : 'stopped'
      runtime.lastError = session.lastError ?? null
      this.runtimeMap.set(session.clientId, runtime)
    }
    const toStart = sessions.filter((session) => session.desiredState === 'running').map((session) => session.clientId)
    // In the background: the kernel serves while browsers start, a few at a time.
    const workers = Array.from({ length: Math.min(this.options.startConcurrency, toStart.length) }, async () => {
      for (let clientId = toStart.shift(); clientId; clientId = toStart.shift()) await this.track(this.launch(this.runtimeMap.get(clientId)!))
    })
    void this.track(Promise.all(workers).then(() => undefined))
  }

  /** `linkWithQr`: a sandbox session shows a QR code until it is scanned (whatsapp-web always does). */
  async create(input: { clientId: string; driver: DriverKind; name: string | undefined; linkWithQr?: boolean }): Promise<SessionRuntime> {
    const em = this.options.orm.em.fork()
    if (this.runtimeMap.has(input.clientId) || (await em.count(Session, { clientId: input.clientId })) > 0) {
      throw new ConflictError('SESSION_EXISTS', `a session with clientId "${input.clientId}" exists`, { field: 'body.clientId' })
    }
    const now = new Date()
    em.create(Session, { clientId: input.clientId, name: input.name ?? input.clientId, driver: input.driver, status: 'starting', desiredState: 'running', phone: null, lastError: null, createdAt: now, updatedAt: now })
    await em.flush()
    // Before the first start, so the session waits for its scan even if WaQtor restarts meanwhile.
    if (input.linkWithQr && input.driver === 'sandbox') await writeSandboxLink(this.sessionDir(input.clientId), { linked: false, linkedAt: null })
    const runtime = newRuntime(input.clientId, input.driver, null)
    this.runtimeMap.set(input.clientId, runtime)
    await this.options.bus.emit(sessionCreated, { sessionId: input.clientId, driver: input.driver, name: input.name ?? input.clientId })
    await this.launchBriefly(runtime)
    return runtime
  }

  start(clientId: string): Promise<SessionRuntime> {
    return this.exclusive(clientId, async (runtime) => {
      await this.persist(clientId, { desiredState: 'running' })
      if (runtime.driver && runtime.status !== 'failed' && runtime.status !== 'stopped') return runtime
      runtime.attempt = 0
      await this.launchBriefly(runtime)
      return runtime
    })
  }

  stop(clientId: string): Promise<SessionRuntime> {
    return this.exclusive(clientId, async (runtime) => {
      await this.persist(clientId, { desiredState: 'stopped' })
      await this.halt(runtime, 'stopped', null)
      return runtime
    })
  }

  restart(clientId: string): Promise<SessionRuntime> {
    return this.exclusive(clientId, async (runtime) => {
      await this.persist(clientId, { desiredState: 'running' })
      await this.halt(runtime, 'stopped', null)
      runtime.attempt = 0
      await this.launchBriefly(runtime)
      return runtime
    })
  }

  /** Stops the session, then removes it, its files, messages, contacts and plugin settings. */
  delete(clientId: string): Promise<void> {
    return this.exclusive(clientId, (runtime) => this.remove(runtime))
  }

  private async remove(runtime: SessionRuntime): Promise<void> {
    const clientId = runtime.clientId
    await this.halt(runtime, 'stopped', null)
    this.runtimeMap.delete(clientId)
    // Events the driver reported before it stopped are still queued; rows they write must go too.
    await runtime.queue
    const em = this.options.orm.em.fork()
    await em.transactional(async (tx) => {
      for (const entity of [Message, PendingAck, Contact, PluginSessionSetting]) await tx.nativeDelete(entity, { sessionId: clientId })
      await tx.nativeDelete(Session, { clientId })
    })
    await rm(this.sessionDir(clientId), { recursive: true, force: true })
    await this.options.afterDelete?.(clientId)
    await this.options.bus.emit(sessionDeleted, { sessionId: clientId })
  }

  /** The driver of a session that is ready to send, or a 409 saying what state it is in. */
  readyDriver(clientId: string): SessionDriver {
    const runtime = this.require(clientId)
    if (runtime.status !== 'ready' || !runtime.driver) {
      throw new ConflictError('SESSION_NOT_READY', `session ${clientId} is ${runtime.status}, not ready`, { status: runtime.status })
    }
    return runtime.driver
  }

  /** Resolves once every launch under way (restore, reconnects) has finished, and their events are handled. */
  async launchesSettled(): Promise<void> {
    while (this.launching.size > 0) await Promise.allSettled([...this.launching])
    await Promise.all([...this.runtimeMap.values()].map((runtime) => runtime.queue))
  }

  /** Resolves once the driver events received so far have been handled. */
  async settled(clientId: string): Promise<void> {
    await this.runtimeMap.get(clientId)?.queue
  }

  /** Runs work in the session's ordered queue (with its driver events), returning its result. */
  serialize<T>(clientId: string, work: () => Promise<T>): Promise<T> {
    const runtime = this.require(clientId)
    const result = runtime.queue.then(work)
    runtime.queue = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  async stopAll(): Promise<void> {
    this.closing = true
    clearInterval(this.memoryTimer)
    await Promise.all([...this.runtimeMap.values()].map((runtime) => this.halt(runtime, 'stopped', null)))
    // Stopped drivers make pending starts give up quickly; wait for them so nothing outlives the kernel.
    await Promise.allSettled([...this.launching])
  }

  /**
   * Starts a session without holding the caller for long: a sandbox is ready at once, a browser
   * may take many seconds, and the caller gets the status reached within `launchWaitMs`.
   */
  private async launchBriefly(runtime: SessionRuntime, launchWaitMs = 2_000): Promise<void> {
    const launch = this.track(this.launch(runtime))
    let timer: NodeJS.Timeout | undefined
    await Promise.race([launch, new Promise<void>((resolve) => (timer = setTimeout(resolve, launchWaitMs)))])
    clearTimeout(timer)
  }

  private track(work: Promise<void>): Promise<void> {
    this.launching.add(work)
    work.finally(() => this.launching.delete(work)).catch(() => undefined)
    return work
  }

  /** Restarts the browser of ready sessions above the RSS ceiling (Chromium grows over days). */
  async enforceMemoryCeiling(): Promise<void> {
    for (const runtime of this.runtimeMap.values()) {
      if (runtime.status !== 'ready' || !runtime.driver) continue
      const usage = await runtime.driver.resourceUsage().catch(() => null)
      // PSS is the browser's real share of memory; summed RSS counts shared pages once per process.
      const used = usage?.pssBytes ?? usage?.rssBytes
      if (used === undefined || used <= this.options.maxRssBytes) continue
      this.options.logger.warn({ session: runtime.clientId, usedBytes: used, maxBytes: this.options.maxRssBytes }, 'browser above the memory ceiling: recycling it')
      runtime.recycles++
      await this.halt(runtime, 'stopped', null)
      await this.track(this.launch(runtime))
    }
  }

  /** Runs a lifecycle operation after the ones already asked for on this session. */
  private exclusive<T>(clientId: string, work: (runtime: SessionRuntime) => Promise<T>): Promise<T> {
    const result = (this.lifecycles.get(clientId) ?? Promise.resolve()).then(() => work(this.require(clientId)))
    const done = result.then(
      () => undefined,
      () => undefined,
    )
    this.lifecycles.set(clientId, done)
    void done.then(() => {
      if (this.lifecycles.get(clientId) === done) this.lifecycles.delete(clientId)
    })
    return result
  }

  private require(clientId: string): SessionRuntime {
    const runtime = this.runtimeMap.get(clientId)
    if (!runtime) throw new NotFoundError('SESSION_NOT_FOUND', `session ${clientId}`)
    return runtime
  }

  private async launch(runtime: SessionRuntime): Promise<void> {
    if (this.closing) return
    clearTimeout(runtime.retryTimer)
    runtime.nextRetryAt = null
    const generation = ++runtime.generation
    await this.setStatus(runtime, 'starting', runtime.lastError)
    const sessionDir = this.sessionDir(runtime.clientId)
    await mkdir(sessionDir, { recursive: true })
    if (generation !== runtime.generation) return
    const logger = this.options.logger.child({ session: runtime.clientId, driver: runtime.driverKind })
    try {
      const driver = await this.options.createDriver(runtime.driverKind, {
        sessionId: runtime.clientId,
        sessionDir,
        phone: runtime.phone,
        logger,
        listener: this.listenerFor(runtime, generation),
      })
      if (generation !== runtime.generation) {
        // Stopped (or relaunched) while the driver was being built: it must not run unowned.
        await driver.stop().catch((error: unknown) => this.options.logger.warn({ err: error, session: runtime.clientId }, 'driver stop failed'))
        return
      }
      runtime.driver = driver
      runtime.startedAt = new Date()
      await driver.start()
    } catch (error) {
      if (generation !== runtime.generation) return
      await this.connectionLost(runtime, `start failed: ${(error as Error).message}`)
    }
  }

  private async halt(runtime: SessionRuntime, status: SessionStatus, error: string | null): Promise<void> {
    clearTimeout(runtime.retryTimer)
    runtime.retryTimer = undefined
    runtime.nextRetryAt = null
    runtime.generation++
    const driver = runtime.driver
    runtime.driver = undefined
    if (driver) {
      try {
        await driver.stop()
      } catch (stopError) {
        this.options.logger.warn({ err: stopError, session: runtime.clientId }, 'driver stop failed')
      }
    }
    runtime.qr = null
    runtime.readyAt = null
    await this.setStatus(runtime, status, error)
  }

  private listenerFor(runtime: SessionRuntime, generation: number): DriverListener {
    // Events of a replaced driver are ignored; the rest run one at a time, in order. Status events
    // queued before a stop are dropped when they run; messages and ACKs received before it are kept.
    const current = () => generation === runtime.generation
    const handle = (work: () => Promise<void>, kind: 'status' | 'data' = 'status') => {
      if (!current()) return
      runtime.queue = runtime.queue.then(() => (kind === 'data' || current() ? work() : undefined)).catch((error: unknown) => {
        this.options.logger.error({ err: error, session: runtime.clientId }, 'session event handling failed')
      })
    }
    const bus = this.options.bus
    const sessionId = runtime.clientId
    return {
      qr: (qr) =>
        handle(async () => {
          runtime.qr = { value: qr, receivedAt: new Date() }
          await this.setStatus(runtime, 'qr', null)
          await bus.emit(sessionQrReceived, { sessionId, qr })
        }),
      authenticated: () => handle(() => this.setStatus(runtime, 'authenticated', null)),
      ready: ({ phone }) =>
        handle(async () => {
          runtime.phone = phone ?? runtime.phone
          await this.persist(sessionId, { phone: runtime.phone })
          if (!current()) return // stopped while the number was saved
          runtime.qr = null
          runtime.attempt = 0
          runtime.readyAt = new Date()
          await this.setStatus(runtime, 'ready', null)
          await bus.emit(sessionReady, { sessionId, phone: runtime.phone })
        }),
      disconnected: (reason) =>
        handle(async () => {
          await bus.emit(sessionDisconnected, { sessionId, reason })
          if (current()) await this.connectionLost(runtime, `disconnected: ${reason}`)
        }),
      authFailure: (message) =>
        handle(async () => {
          await this.halt(runtime, 'failed', `authentication failed: ${message}`)
          await this.notifyFailed(runtime)
        }),
      message: (message) => handle(async () => void (await this.options.messages.ingest(sessionId, message)), 'data'),
      ack: (update) => handle(async () => void (await this.options.messages.applyAck(sessionId, update)), 'data'),
    }
  }

  /** Schedules a reconnect with backoff, or gives up after the configured number of attempts. */
  private async connectionLost(runtime: SessionRuntime, reason: string): Promise<void> {
    const { baseDelayMs, maxDelayMs, maxAttempts } = this.options.reconnect
    const driver = runtime.driver
    runtime.driver = undefined
    runtime.generation++
    runtime.readyAt = null
    if (driver) await driver.stop().catch((error: unknown) => this.options.logger.warn({ err: error, session: runtime.clientId }, 'driver stop failed'))
    runtime.attempt++
    if (this.closing) return
    if (runtime.attempt > maxAttempts) {
      await this.setStatus(runtime, 'failed', `${reason}; gave up after ${maxAttempts} reconnect attempts`)
      await this.notifyFailed(runtime)
      return
    }
    const delay = retryDelay(runtime.attempt, baseDelayMs, maxDelayMs)
    runtime.nextRetryAt = new Date(Date.now() + delay)
    await this.setStatus(runtime, 'disconnected', `${reason}; reconnect ${runtime.attempt}/${maxAttempts} in ${Math.round(delay / 100) / 10} s`)
    runtime.retryTimer = setTimeout(() => {
      runtime.reconnects++
      void this.track(this.launch(runtime))
    }, delay)
  }

  private async notifyFailed(runtime: SessionRuntime): Promise<void> {
    try {
      await this.options.notifier?.notifySession(runtime.clientId, {
        type: 'session.failed',
        severity: 'error',
        title: `Session ${runtime.clientId} failed`,
        body: runtime.lastError ?? 'The session stopped and will not reconnect by itself.',
        data: { sessionId: runtime.clientId },
      })
    } catch (error) {
      this.options.logger.error({ err: error, session: runtime.clientId }, 'could not notify about a failed session')
    }
  }

  private async setStatus(runtime: SessionRuntime, status: SessionStatus, error: string | null): Promise<void> {
    const previous = runtime.status
    runtime.status = status
    runtime.lastError = error
    await this.persist(runtime.clientId, { status, lastError: error })
    if (previous !== status || error) {
      await this.options.bus.emit(sessionStatusChanged, { sessionId: runtime.clientId, status, previous, error })
    }
  }

  private async persist(clientId: string, changes: Partial<Pick<Session, 'status' | 'lastError' | 'phone' | 'desiredState'>>): Promise<void> {
    await this.options.orm.em.fork().nativeUpdate(Session, { clientId }, { ...changes, updatedAt: new Date() })
  }
}
