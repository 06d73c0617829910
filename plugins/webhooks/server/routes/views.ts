import type { z } from 'zod'
import type { Delivery } from '../entities/delivery.ts'
import type { SubscriptionRecord } from '../services/subscription-record.ts'
import type { deliveryView, subscriptionView } from './schemas.ts'

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString())

export function toSubscriptionView(subscription: SubscriptionRecord, nowMs: number): z.infer<typeof subscriptionView> {
  const overlap = subscription.previousSecret && (subscription.previousSecretUntil ?? 0) > nowMs ? subscription.previousSecretUntil : null
  return {
    id: subscription.id,
    url: subscription.url,
    events: subscription.events,
    sessions: subscription.sessions,
    headers: subscription.headers,
    active: subscription.active,
    maxConcurrency: subscription.maxConcurrency,
    previousSecretExpiresAt: iso(overlap),
    createdAt: iso(subscription.createdAt)!,
    updatedAt: iso(subscription.updatedAt)!,
  }
}

export function toDeliveryView(delivery: Delivery): z.infer<typeof deliveryView> {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    event: delivery.event,
    sessionId: delivery.sessionId,
    status: delivery.status,
    attempts: delivery.attempts,
    latencyMs: delivery.latencyMs,
    responseStatus: delivery.responseStatus,
    responseBody: delivery.responseBody,
    error: delivery.error,
    nextAttemptAt: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
    createdAt: iso(delivery.createdAt)!,
    completedAt: iso(delivery.completedAt),
  }
}
