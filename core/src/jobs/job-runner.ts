import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { RequestContext, type MikroORM } from '@mikro-orm/core'
import type { Clock, TimerHandle } from '../clock/index.ts'
import type { Logger } from '../logging/create-logger.ts'
import { retryDelayMs } from './backoff.ts'
import { CronSchedule } from './cron.ts'
import { GroupCommit } from './group-commit.ts'
import type { JobMetrics, JobOutcome } from './job-metrics.ts'
import { describeError, toJobRecord, type JobRow } from './job-row.ts'
import type { JobSql } from './job-sql.ts'
import type { JobBackoff, JobHandler, JobRecord } from './job-types.ts'

export interface JobDefinition {
  pluginId: string
  name: string
  handler: JobHandler
  concurrency: number
  maxAttempts: number
  backoff: JobBackoff | undefined
}

export interface JobRunnerSettings {
  pollIntervalMs: number
  leaseMs: number
  /** Jobs running at once on this node, all names together. */
  concurrency: number
  /** Completed and cancelled jobs are removed this long after they finished. */
  retentionMs: number
}

interface Defined extends JobDefinition {
  inFlight: number
}

/** What a ManualClock tells the runner so `idle()` does not wait for a handler that waits for the clock. */
export interface ClockWaits {
  timerMark(): number
  foregroundTimerSince(mark: number): boolean
  nextForegroundTimer(): Promise<void>
}

interface HandlerInFlight {
  /** The clock's timer mark when the handler started. */
  mark: number
  done: Promise<unknown>
}

/** Why a handler's signal aborted. */
export class JobAbortedError extends Error {
  constructor(readonly reason: 'stopping' | 'lease-lost') {
    super(reason === 'stopping' ? 'the kernel is stopping' : "this node lost the job's lease: another node runs it")
    this.name = 'JobAbortedError'
  }
}

const definitionKey = (pluginId: string, name: string) => `${pluginId}/${name}`

/**
 * Claims due jobs of the names defined on this node and runs them, at most `concurrency` at once.
 * A claimed job carries a lease (this node's id, an expiry) renewed while its handler runs; when a
 * node dies its jobs' leases run out and any node claims them again. The timer sleeps until the next
 * job falls due, at most `pollIntervalMs` (work other nodes enqueue is seen at the next poll).
 */
export class JobRunner {
  readonly nodeId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  private readonly definitions = new Map<string, Defined>()
  private readonly tracked = new Set<Promise<unknown>>()
  private readonly handlers = new Set<HandlerInFlight>()
  private readonly abort = new AbortController()
  private readonly crons = new Map<string, CronSchedule>()
  private running = 0
  private timer: TimerHandle | undefined
  private timerDueAt: number | undefined
  private pumpQueued = false
  private pumping = false
  private pumpAgain = false
  private started = false
  private stopped = false
  private rotation = 0
  private lastHousekeeping = Number.NEGATIVE_INFINITY
  private lastPurge = Number.NEGATIVE_INFINITY
  /** Jobs that completed in the same turn are recorded in one statement (one commit). */
  private readonly completions: GroupCommit<{ id: string; token: string; at: number }>

  constructor(
    private readonly orm: MikroORM,
    private readonly sql: JobSql,
    private readonly clock: Clock,
    private readonly settings: JobRunnerSettings,
    private readonly logger: Logger,
    private readonly metrics: JobMetrics,
    private readonly clockWaits?: ClockWaits,
  ) {
    this.completions = new GroupCommit((done) => this.sql.completeMany(done))
  }

  /** Adds a job name; returns what removes it. */
  define(definition: JobDefinition): () => void {
    const key = definitionKey(definition.pluginId, definition.name)
    this.definitions.set(key, { ...definition, inFlight: 0 })
    this.schedulePump()
    return () => this.definitions.delete(key)
  }

  definition(pluginId: string, name: string): JobDefinition | undefined {
    return this.definitions.get(definitionKey(pluginId, name))
  }

  start(): void {
    this.started = true
    this.schedulePump()
  }

  /** A job was written that falls due at `runAt`: run it now, or wake up in time for it. */
  wake(runAt: number): void {
    if (!this.started || this.stopped) return
    if (runAt <= this.clock.now()) this.schedulePump()
    else if (this.timerDueAt === undefined || runAt < this.timerDueAt) this.arm(runAt)
  }

  /**
   * Resolves when nothing is claiming, running or finishing on this node. With a manual clock, a
   * handler counts as idle while it waits for a timer it set (only the test moving time ends that wait).
   */
  async idle(): Promise<void> {
    for (;;) {
      const waits = this.clockWaits
      const busy = [...this.tracked].filter((work) => ![...this.handlers].some((handler) => handler.done === work && waits?.foregroundTimerSince(handler.mark)))
      if (busy.length === 0 && !this.pumpQueued) return
      if (busy.length === 0) await new Promise<void>((resolve) => setImmediate(resolve))
      else await Promise.race([Promise.allSettled(busy), ...(waits ? [waits.nextForegroundTimer()] : [])])
    }
  }

  /** Stops claiming and aborts running handlers; jobs still running after `timeoutMs` are left to their leases. */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopped = true
    this.clock.clearTimeout(this.timer)
    this.abort.abort(new JobAbortedError('stopping'))
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))
    const done = this.idle().then(() => true as const)
    const finished = await Promise.race([done, late])
    clearTimeout(timer)
    return finished
  }

  private schedulePump(): void {
    if (this.pumpQueued || !this.started || this.stopped) return
    this.pumpQueued = true
    setImmediate(() => {
      this.pumpQueued = false
      this.track(this.pump())
    })
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true
      return
    }
    this.pumping = true
    try {
      do {
        this.pumpAgain = false
        await this.housekeeping()
        await this.claimAll()
      } while (this.pumpAgain && !this.stopped && this.running < this.settings.concurrency)
      await this.armForNextDue()
    } catch (error) {
      if (this.stopped) return
      this.logger.error({ err: error }, 'claiming jobs failed; trying again at the next poll')
      this.arm(this.clock.now() + this.settings.pollIntervalMs)
    } finally {
      this.pumping = false
    }
  }

  /** Claims for every name with room, starting from a different one each time so no name starves the others. */
  private async claimAll(): Promise<void> {
    const definitions = [...this.definitions.values()]
    this.rotation = (this.rotation + 1) % Math.max(1, definitions.length)
    for (const definition of [...definitions.slice(this.rotation), ...definitions.slice(0, this.rotation)]) {
      const free = Math.min(definition.concurrency - definition.inFlight, this.settings.concurrency - this.running)
      if (this.stopped || free <= 0) continue
      const now = this.clock.now()
      const token = randomUUID()
      const rows = await this.sql.claim({
        pluginId: definition.pluginId, name: definition.name, limit: free, now, leaseUntil: now + this.settings.leaseMs, owner: this.nodeId, token,
      })
      if (rows.length === free) this.pumpAgain = true
      for (const row of rows) this.run(definition, row, token)
    }
  }

  /** Fails jobs whose node died on their last attempt (every poll) and removes old finished jobs (hourly at most). */
  private async housekeeping(): Promise<void> {
    const now = this.clock.now()
    if (now - this.lastHousekeeping < this.settings.pollIntervalMs) return
    this.lastHousekeeping = now
    const failed = await this.sql.failExpired(now)
    if (failed > 0) this.logger.warn({ failed }, 'jobs whose node stopped during their last attempt are failed')
    if (now - this.lastPurge >= Math.min(this.settings.retentionMs, 3_600_000)) {
      this.lastPurge = now
      await this.sql.purgeFinished(now - this.settings.retentionMs)
    }
  }

  private async armForNextDue(): Promise<void> {
    if (this.stopped) return
    const now = this.clock.now()
    let due = now + this.settings.pollIntervalMs
    const withRoom = [...this.definitions.values()].filter((definition) => definition.inFlight < definition.concurrency)
    // Full: a job finishing pumps again, so there is no need to look for the next due time.
    if (this.running < this.settings.concurrency && withRoom.length > 0) {
      const next = await this.sql.nextDue(withRoom)
      // Due already but not claimed: another node is taking it right now. Look again shortly.
      if (next !== null) due = Math.min(due, Math.max(next, now + Math.min(100, this.settings.pollIntervalMs)))
    }
    this.arm(due)
  }

  private arm(dueAt: number): void {
    if (this.stopped) return
    this.clock.clearTimeout(this.timer)
    this.timerDueAt = dueAt
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined
        this.timerDueAt = undefined
        this.schedulePump()
      },
      dueAt - this.clock.now(),
      { background: true },
    )
  }

  private run(definition: Defined, row: JobRow, token: string): void {
    const job = toJobRecord(row)
    definition.inFlight++
    this.running++
    const controller = new AbortController()
    const onStop = () => controller.abort(this.abort.signal.reason)
    this.abort.signal.addEventListener('abort', onStop, { once: true })
    const stopRenewing = this.keepLease(job, token, controller)
    const handler: HandlerInFlight = { mark: this.clockWaits?.timerMark() ?? 0, done: Promise.resolve() }
    let released = false
    // The slot frees as soon as the handler returns: the next claim's commit overlaps this outcome's.
    const release = () => {
      if (released) return
      released = true
      definition.inFlight--
      this.running--
      this.handlers.delete(handler)
      this.schedulePump()
    }
    const labels = { plugin: job.pluginId, job: job.name }
    const work = RequestContext.create(this.orm.em, async () => {
      const stopTimer = this.metrics.handlerSeconds.startTimer(labels)
      try {
        await definition.handler({ payload: job.payload, attempt: job.attempts, signal: controller.signal, job })
        return { ok: true as const }
      } catch (error) {
        return { ok: false as const, error }
      } finally {
        stopTimer()
      }
    })
      .then(async (outcome) => {
        stopRenewing()
        this.abort.signal.removeEventListener('abort', onStop)
        release()
        const runsAgainAt = await this.finish(definition, job, token, outcome, controller.signal)
        if (runsAgainAt !== null) this.wake(runsAgainAt)
      })
      .catch((error: unknown) => this.logger.error({ err: error, job: job.id }, 'recording a job outcome failed; its lease will bring it back'))
      .finally(release)
    handler.done = work
    this.handlers.add(handler)
    this.track(work)
  }

  /** Records the outcome; resolves to when the job runs again (a retry, a schedule's next time), or null. */
  private async finish(definition: Defined, job: JobRecord, token: string, outcome: { ok: true } | { ok: false; error: unknown }, signal: AbortSignal): Promise<number | null> {
    const count = (result: JobOutcome) => this.metrics.outcomes.inc({ plugin: job.pluginId, job: job.name, outcome: result })
    const now = this.clock.now()
    const log = { plugin: job.pluginId, job: job.name, id: job.id, attempt: job.attempts }
    if (outcome.ok) {
      count('completed')
      if (!job.cron) {
        await this.completions.add({ id: job.id, token, at: now })
        return null
      }
      const next = this.nextOccurrence(job, now)
      await this.sql.complete(job.id, token, now, next)
      return next
    }
    const reason: unknown = signal.aborted ? signal.reason : undefined
    if (reason instanceof JobAbortedError && reason.reason === 'lease-lost') {
      count('lease-lost')
      this.logger.warn(log, 'a job lost its lease while running; the node holding it now decides its outcome')
      return null
    }
    if (reason instanceof JobAbortedError) {
      count('released')
      await this.sql.release(job.id, token, now)
      return null
    }
    const error = describeError(outcome.error)
    const retryAt = job.attempts < job.maxAttempts ? now + retryDelayMs(definition.backoff, job.attempts) : null
    const nextRunAt = retryAt === null && job.cron ? this.nextOccurrence(job, now) : null
    count(retryAt === null ? 'failed' : 'retry')
    await this.sql.fail(job.id, token, error, now, retryAt, nextRunAt)
    if (retryAt !== null) this.logger.info({ ...log, error, retryAt: new Date(retryAt).toISOString() }, 'job failed; it will be tried again')
    else this.logger.warn({ ...log, error }, job.cron ? 'scheduled job failed on every attempt; it runs again at its next time' : 'job failed on every attempt')
    return retryAt ?? nextRunAt
  }

  /** Renews the lease every third of its length while the handler runs; a lost lease aborts the handler. */
  private keepLease(job: JobRecord, token: string, controller: AbortController): () => void {
    let handle: TimerHandle | undefined
    let done = false
    const renew = async () => {
      const now = this.clock.now()
      try {
        const held = await this.sql.renew(job.id, token, now + this.settings.leaseMs, now)
        if (!held) controller.abort(new JobAbortedError('lease-lost'))
      } catch (error) {
        this.logger.warn({ err: error, id: job.id }, 'renewing a job lease failed; trying again')
      }
      if (!done && !controller.signal.aborted) next()
    }
    const next = () => {
      handle = this.clock.setTimeout(() => this.track(renew()), Math.max(1, Math.floor(this.settings.leaseMs / 3)), { background: true })
    }
    next()
    return () => {
      done = true
      this.clock.clearTimeout(handle)
    }
  }

  private nextOccurrence(job: JobRecord, now: number): number | null {
    const key = `${job.timezone ?? ''} ${job.cron}`
    let schedule = this.crons.get(key)
    if (!schedule) {
      try {
        schedule = new CronSchedule(job.cron ?? '', job.timezone)
      } catch (error) {
        this.logger.error({ err: error, id: job.id, cron: job.cron }, 'a stored cron expression no longer parses; the schedule ends')
        return null
      }
      this.crons.set(key, schedule)
    }
    return schedule.nextAfter(now)
  }

  private track(work: Promise<unknown>): void {
    this.tracked.add(work)
    void work.finally(() => this.tracked.delete(work))
  }
}
