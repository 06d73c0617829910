import type { EntityManager } from '@mikro-orm/core'
import { queueDepths, recentFinished } from './delivery-queries.ts'
import type { SubscriptionRecord } from './subscription-record.ts'

export interface SubscriptionStats {
  subscriptionId: string
  /** Finished deliveries looked at (the most recent ones). */
  sample: number
  successRate: number | null
  failures: number
  p50LatencyMs: number | null
  p95LatencyMs: number | null
  queueDepth: number
}

const sampleSize = 1000

/** Success rate and attempt latency over each subscription's most recent finished deliveries, and queue depths. */
export async function deliveryStats(em: EntityManager, subscriptions: readonly SubscriptionRecord[]): Promise<{ items: SubscriptionStats[]; queueDepth: number }> {
  const depths = await queueDepths(em)
  const items: SubscriptionStats[] = []
  for (const subscription of subscriptions) {
    const recent = await recentFinished(em, subscription.id, sampleSize)
    const delivered = recent.filter((row) => row.status === 'delivered')
    const latencies = delivered.map((row) => row.latencyMs ?? 0).sort((a, b) => a - b)
    items.push({
      subscriptionId: subscription.id,
      sample: recent.length,
      successRate: recent.length === 0 ? null : delivered.length / recent.length,
      failures: recent.length - delivered.length,
      p50LatencyMs: percentile(latencies, 0.5),
      p95LatencyMs: percentile(latencies, 0.95),
      queueDepth: depths.get(subscription.id) ?? 0,
    })
  }
  return { items, queueDepth: items.reduce((sum, item) => sum + item.queueDepth, 0) }
}

function percentile(sorted: readonly number[], rank: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil(rank * sorted.length) - 1)] ?? null
}
