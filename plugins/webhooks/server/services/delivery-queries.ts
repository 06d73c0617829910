import type { EntityManager } from '@mikro-orm/core'
import { Delivery, type DeliveryStatus } from '../entities/delivery.ts'

/** One page of a subscription's deliveries, newest first; `cursor` is the last id of the previous page. */
export async function listDeliveries(
  em: EntityManager,
  subscriptionId: string,
  options: { status?: DeliveryStatus; cursor?: string; limit: number },
): Promise<{ items: Delivery[]; nextCursor: string | null }> {
  const items = await em.find(
    Delivery,
    {
      subscriptionId,
      ...(options.status ? { status: options.status } : {}),
      ...(options.cursor ? { id: { $lt: options.cursor } } : {}),
    },
    { orderBy: { id: 'desc' }, limit: options.limit + 1 },
  )
  const page = items.slice(0, options.limit)
  return { items: page, nextCursor: items.length > options.limit ? (page.at(-1)?.id ?? null) : null }
}

/** Pending and in-flight deliveries per subscription. */
export async function queueDepths(em: EntityManager): Promise<Map<string, number>> {
  const rows: Array<{ subscription_id: string; depth: number | string }> = await em.getConnection().execute(
    'select subscription_id, count(*) as depth from webhooks_deliveries where status in (?, ?) group by subscription_id',
    ['pending', 'in_flight'],
  )
  return new Map(rows.map((row) => [row.subscription_id, Number(row.depth)]))
}

/** The most recent finished deliveries of a subscription, for its success rate and latency. */
export async function recentFinished(em: EntityManager, subscriptionId: string, limit: number): Promise<Array<Pick<Delivery, 'status' | 'latencyMs'>>> {
  return em.find(
    Delivery,
    { subscriptionId, status: { $in: ['delivered', 'failed'] } },
    { orderBy: { id: 'desc' }, limit, fields: ['id', 'status', 'latencyMs'] },
  )
}
