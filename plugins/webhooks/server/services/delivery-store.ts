import type { EntityManager } from '@mikro-orm/core'
import { Delivery, type DeliveryStatus } from '../entities/delivery.ts'

export type NewDelivery = Pick<Delivery, 'id' | 'subscriptionId' | 'eventId' | 'event' | 'sessionId' | 'chatId' | 'payload' | 'createdAt'>

/** Writes deliveries as pending and due now, in one statement. */
export async function insertDeliveries(em: EntityManager, deliveries: readonly NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return
  await em.insertMany(
    Delivery,
    deliveries.map((delivery) => ({
      ...delivery,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: delivery.createdAt,
      leaseUntil: null,
      claimToken: null,
      responseStatus: null,
      responseBody: null,
      error: null,
      latencyMs: null,
      completedAt: null,
    })),
  )
}

export interface AttemptResult {
  status: DeliveryStatus
  nextAttemptAt?: number
  responseStatus: number | null
  responseBody: string | null
  error: string | null
  latencyMs: number | null
  completedAt: number | null
}

export interface FinishedAttempt {
  id: string
  token: string
  result: AttemptResult
}

/** Puts deliveries whose lease expired (their worker crashed or hung) back in the queue. */
export async function recoverExpiredLeases(em: EntityManager, nowMs: number): Promise<number> {
  return em.nativeUpdate(Delivery, { status: 'in_flight', leaseUntil: { $lt: nowMs } }, { status: 'pending', leaseUntil: null, claimToken: null, nextAttemptAt: nowMs })
}

/** Subscriptions with deliveries due now (used after a poll, a restart or a lease recovery). */
export async function subscriptionsWithDueWork(em: EntityManager, nowMs: number): Promise<Set<string>> {
  const rows: Array<{ subscription_id: string }> = await em.getConnection().execute(
    'select distinct subscription_id from webhooks_deliveries where status = ? and next_attempt_at <= ?',
    ['pending', nowMs],
  )
  return new Set(rows.map((row) => row.subscription_id))
}

/** Sends a failed (or delivered) delivery again from attempt 1. */
export async function replayOne(em: EntityManager, subscriptionId: string, id: string, nowMs: number): Promise<number> {
  return em.nativeUpdate(
    Delivery,
    { id, subscriptionId, status: { $in: ['failed', 'delivered'] } },
    { status: 'pending', attempts: 0, nextAttemptAt: nowMs, error: null, completedAt: null },
  )
}

export async function replayFailed(em: EntityManager, subscriptionId: string, nowMs: number): Promise<number> {
  return em.nativeUpdate(Delivery, { subscriptionId, status: 'failed' }, { status: 'pending', attempts: 0, nextAttemptAt: nowMs, error: null, completedAt: null })
}

export async function deleteOfSubscription(em: EntityManager, subscriptionId: string): Promise<void> {
  await em.nativeDelete(Delivery, { subscriptionId })
}

/** Retention: delivered rows older than one limit, failed rows older than another. */
export async function deleteOld(em: EntityManager, deliveredBefore: number, failedBefore: number): Promise<number> {
  const delivered = await em.nativeDelete(Delivery, { status: 'delivered', createdAt: { $lt: deliveredBefore } })
  const failed = await em.nativeDelete(Delivery, { status: 'failed', createdAt: { $lt: failedBefore } })
  return delivered + failed
}
