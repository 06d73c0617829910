import type { Counter, Histogram, PluginMetrics } from '@waqtor/core'

export interface WebhookMetrics {
  attempts: Counter<'outcome'>
  attemptSeconds: Histogram<'outcome'>
  /** Event emitted -> receiver answered 2xx, retries included. */
  deliveryDelaySeconds: Histogram
  persisted: Counter
}

export function createWebhookMetrics(metrics: PluginMetrics, queueDepth: () => Promise<number>): WebhookMetrics {
  metrics.gauge({
    name: 'waqtor_webhooks_queue_depth',
    help: 'Deliveries pending or in flight',
    async collect() {
      this.set(await queueDepth())
    },
  })
  return {
    attempts: metrics.counter({ name: 'waqtor_webhooks_attempts_total', help: 'Delivery attempts by outcome (delivered, retry, failed)', labelNames: ['outcome'] }),
    attemptSeconds: metrics.histogram({
      name: 'waqtor_webhooks_attempt_duration_seconds',
      help: 'Duration of one delivery attempt',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    deliveryDelaySeconds: metrics.histogram({
      name: 'waqtor_webhooks_delivery_delay_seconds',
      help: 'From the event to its successful delivery, retries included',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600],
    }),
    persisted: metrics.counter({ name: 'waqtor_webhooks_deliveries_persisted_total', help: 'Deliveries written to the queue' }),
  }
}
