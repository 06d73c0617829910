import type { EventMeta, PluginContext } from '@waqtor/core'
import type { WebhooksConfig } from '../config.ts'
import { deleteOld, insertDeliveries, type NewDelivery } from './delivery-store.ts'
import { DeliveryWorker } from './delivery-worker.ts'
import { queueDepths } from './delivery-queries.ts'
import { recordEvent } from './event-recorder.ts'
import { GroupCommit } from './group-commit.ts'
import { SubscriptionCache } from './subscription-cache.ts'
import { createWebhookMetrics, type WebhookMetrics } from './webhook-metrics.ts'

const dayMs = 24 * 3600 * 1000

/** Wires the cache, the bus handler, the worker and retention together for routes and the lifecycle. */
export class WebhooksService {
  readonly cache: SubscriptionCache
  private worker: DeliveryWorker | undefined
  private metrics: WebhookMetrics | undefined
  private cleanupTimer: NodeJS.Timeout | undefined
  /** Rows of concurrent bus handlers are inserted together; each handler returns once its rows are committed. */
  private readonly inserts: GroupCommit<NewDelivery>

  constructor(private readonly plugin: PluginContext<WebhooksConfig>) {
    this.cache = new SubscriptionCache(() => plugin.db.fork())
    this.inserts = new GroupCommit((rows) => insertDeliveries(plugin.db.fork(), rows))
  }

  /** register(): the bus handler only persists. */
  listen(): void {
    this.plugin.bus.onAny((eventName, payload, meta) => this.onEvent(eventName, payload, meta), { id: 'deliver' })
  }

  /** start(): load subscriptions, recover leases, start the worker and the retention sweep. */
  async start(): Promise<void> {
    const { plugin } = this
    this.metrics = createWebhookMetrics(plugin.metrics, async () => [...(await queueDepths(plugin.db.fork())).values()].reduce((sum, depth) => sum + depth, 0))
    await this.cache.reload()
    const worker = new DeliveryWorker({ fork: () => plugin.db.fork(), cache: this.cache, outbound: plugin.outbound, config: plugin.config, logger: plugin.logger, metrics: this.metrics })
    plugin.onDispose(() => worker.stop())
    this.worker = worker
    await worker.start()
    await this.cleanup()
    this.cleanupTimer = setInterval(() => void this.cleanup(), plugin.config.cleanupIntervalMs)
    this.cleanupTimer.unref()
    plugin.onDispose(() => clearInterval(this.cleanupTimer))
  }

  /** After a change through the API: refresh the cache and look for work. */
  async changed(subscriptionId: string): Promise<void> {
    await this.cache.reload()
    this.worker?.hint(subscriptionId)
  }

  /** Queues deliveries written outside the bus (test events). */
  async enqueue(deliveries: NewDelivery[]): Promise<void> {
    await this.inserts.addAll(deliveries)
    this.metrics?.persisted.inc(deliveries.length)
    for (const delivery of deliveries) this.worker?.hint(delivery.subscriptionId)
  }

  private async onEvent(eventName: string, payload: object, meta: EventMeta): Promise<void> {
    const sessionId = (payload as { sessionId?: unknown }).sessionId
    const matching = this.cache.matching(eventName, typeof sessionId === 'string' ? sessionId : undefined)
    if (matching.length === 0) return
    const written = await recordEvent((rows) => this.inserts.addAll(rows), matching, eventName, payload, meta)
    this.metrics?.persisted.inc(written.length)
    for (const delivery of written) this.worker?.hint(delivery.subscriptionId)
  }

  private async cleanup(): Promise<void> {
    const now = Date.now()
    const { retentionDays, failedRetentionDays } = this.plugin.config
    try {
      const deleted = await deleteOld(this.plugin.db.fork(), now - retentionDays * dayMs, now - failedRetentionDays * dayMs)
      if (deleted > 0) this.plugin.logger.info({ deleted }, 'old webhook deliveries deleted')
    } catch (error) {
      this.plugin.logger.error({ err: error }, 'webhook retention sweep failed')
    }
  }
}
