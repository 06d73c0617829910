import { randomUUID } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/core'
import type { Logger, PluginOutbound } from '@waqtor/core'
import type { WebhooksConfig } from '../config.ts'
import type { Delivery } from '../entities/delivery.ts'
import { attemptDelivery } from './attempt.ts'
import { claimDue, finishAttempts } from './delivery-sql.ts'
import { recoverExpiredLeases, subscriptionsWithDueWork, type AttemptResult, type FinishedAttempt } from './delivery-store.ts'
import { GroupCommit } from './group-commit.ts'
import type { SubscriptionCache } from './subscription-cache.ts'
import type { SubscriptionRecord } from './subscription-record.ts'
import type { WebhookMetrics } from './webhook-metrics.ts'

export interface WorkerDeps {
  fork: () => EntityManager
  cache: SubscriptionCache
  outbound: PluginOutbound
  config: WebhooksConfig
  logger: Logger
  metrics: WebhookMetrics
}

/** One subscription's lane: its own concurrency, so a slow endpoint only ever holds its own slots. */
interface Lane {
  inFlight: number
  /** There may be due work (a new delivery, a full claim, a poll found some). */
  dirty: boolean
  claiming: boolean
  /** A pump is scheduled for the next turn of the event loop (completions coalesce into one claim). */
  scheduled: boolean
}

/**
 * Takes due deliveries from the table and attempts them. Work is claimed per subscription, at
 * most `maxConcurrency` at a time, with a lease: a node that dies mid-attempt leaves rows that any
 * worker takes back once the lease expires. A poll catches retries that became due, leases that
 * expired and work written by other nodes.
 */
export class DeliveryWorker {
  private readonly lanes = new Map<string, Lane>()
  private readonly running = new Set<Promise<void>>()
  private readonly abort = new AbortController()
  private poller: NodeJS.Timeout | undefined
  private stopped = false
  private readonly finishes: GroupCommit<FinishedAttempt>

  constructor(private readonly deps: WorkerDeps) {
    this.finishes = new GroupCommit((items) => finishAttempts(deps.fork(), items))
  }

  async start(): Promise<void> {
    await this.poll()
    this.poller = setInterval(() => void this.poll(), this.deps.config.pollIntervalMs)
    this.poller.unref()
  }

  /** Stops claiming, aborts attempts under way and hands their rows back (they are sent again later). */
  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.poller)
    this.abort.abort(new Error('webhooks worker stopped'))
    await Promise.allSettled([...this.running])
  }

  /** New work for a subscription was written: claim it now rather than at the next poll. */
  hint(subscriptionId: string): void {
    this.lane(subscriptionId).dirty = true
    this.schedulePump(subscriptionId)
  }

  private schedulePump(subscriptionId: string): void {
    const lane = this.lane(subscriptionId)
    if (lane.scheduled) return
    lane.scheduled = true
    setImmediate(() => {
      lane.scheduled = false
      this.pump(subscriptionId)
    })
  }

  private async poll(): Promise<void> {
    if (this.stopped) return
    try {
      const now = Date.now()
      const recovered = await recoverExpiredLeases(this.deps.fork(), now)
      if (recovered > 0) this.deps.logger.warn({ recovered }, 'webhook deliveries whose lease expired are queued again')
      await this.deps.cache.reload()
      for (const id of await subscriptionsWithDueWork(this.deps.fork(), now)) this.hint(id)
    } catch (error) {
      if (!this.stopped) this.deps.logger.error({ err: error }, 'webhook poll failed')
    }
  }

  private lane(subscriptionId: string): Lane {
    let lane = this.lanes.get(subscriptionId)
    if (!lane) {
      lane = { inFlight: 0, dirty: false, claiming: false, scheduled: false }
      this.lanes.set(subscriptionId, lane)
    }
    return lane
  }

  private pump(subscriptionId: string): void {
    const lane = this.lane(subscriptionId)
    const subscription = this.deps.cache.get(subscriptionId)
    if (this.stopped || lane.claiming || !lane.dirty || !subscription?.active) return
    const free = subscription.maxConcurrency - lane.inFlight
    if (free <= 0) return
    lane.claiming = true
    lane.dirty = false
    this.track(this.claim(subscription, lane, free))
  }

  private async claim(subscription: SubscriptionRecord, lane: Lane, free: number): Promise<void> {
    const token = randomUUID()
    const now = Date.now()
    let rows: Delivery[] = []
    try {
      rows = await claimDue(this.deps.fork(), subscription.id, free, now, now + this.deps.config.timeoutMs + this.deps.config.leaseMs, token)
    } catch (error) {
      if (!this.stopped) this.deps.logger.error({ err: error, subscription: subscription.id }, 'claiming webhook deliveries failed')
    } finally {
      lane.claiming = false
    }
    if (rows.length === free) lane.dirty = true
    for (const row of rows) {
      lane.inFlight++
      this.track(
        this.deliver(subscription, row, token).finally(() => {
          lane.inFlight--
          this.schedulePump(subscription.id)
        }),
      )
    }
    this.pump(subscription.id)
  }

  private async deliver(subscription: SubscriptionRecord, row: Delivery, token: string): Promise<void> {
    const { config, metrics, logger } = this.deps
    const current = this.deps.cache.get(subscription.id) ?? subscription
    try {
      const result = await attemptDelivery({ outbound: this.deps.outbound, config, signal: this.abort.signal }, current, row)
      const outcome = result.status === 'pending' ? 'retry' : result.status
      metrics.attempts.inc({ outcome })
      metrics.attemptSeconds.observe({ outcome }, (result.latencyMs ?? 0) / 1000)
      if (result.status === 'delivered') metrics.deliveryDelaySeconds.observe((Date.now() - Number(row.createdAt)) / 1000)
      await this.finish(row.id, token, result)
      if (result.status === 'failed') logger.warn({ subscription: subscription.id, delivery: row.id, error: result.error }, 'webhook delivery failed for good')
    } catch (error) {
      if (!this.abort.signal.aborted) {
        logger.error({ err: error, delivery: row.id }, 'webhook attempt crashed; the lease will bring it back')
        return
      }
      // Stopping: hand the row back to be sent again (it may still have arrived: at-least-once).
      await this.finish(row.id, token, {
        status: 'pending', nextAttemptAt: Date.now(), responseStatus: null, responseBody: null, error: 'interrupted by shutdown', latencyMs: null, completedAt: null,
      }).catch((reason: unknown) => logger.warn({ err: reason, delivery: row.id }, 'could not hand back a webhook delivery; its lease will'))
    }
  }

  private finish(id: string, token: string, result: AttemptResult): Promise<void> {
    return this.finishes.add({ id, token, result })
  }

  private track(work: Promise<void>): void {
    this.running.add(work)
    void work.finally(() => this.running.delete(work))
  }
}
