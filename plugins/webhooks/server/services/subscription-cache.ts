import type { EntityManager } from '@mikro-orm/core'
import { Subscription } from '../entities/subscription.ts'
import { matches, toRecord, type SubscriptionRecord } from './subscription-record.ts'

/**
 * Subscriptions held in memory so the bus handler matches events without a query. Reloaded after
 * every change made here and on the worker's poll, so changes made by another node arrive too.
 */
export class SubscriptionCache {
  private byId = new Map<string, SubscriptionRecord>()

  constructor(private readonly fork: () => EntityManager) {}

  async reload(): Promise<void> {
    const rows = await this.fork().find(Subscription, {}, { orderBy: { id: 'asc' } })
    this.byId = new Map(rows.map((row) => [row.id, toRecord(row)]))
  }

  get(id: string): SubscriptionRecord | undefined {
    return this.byId.get(id)
  }

  all(): SubscriptionRecord[] {
    return [...this.byId.values()]
  }

  matching(event: string, sessionId: string | undefined): SubscriptionRecord[] {
    return this.all().filter((subscription) => matches(subscription, event, sessionId))
  }
}
