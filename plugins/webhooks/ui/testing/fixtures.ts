import type { Delivery, EventInfo, Subscription, SubscriptionStats } from '../webhooks-api.ts'

export function subscription(overrides: Partial<Subscription> & Pick<Subscription, 'id'>): Subscription {
  return {
    url: `https://hooks.example.com/${overrides.id}`,
    events: ['message.received'],
    sessions: null,
    headers: {},
    active: true,
    maxConcurrency: 4,
    previousSecretExpiresAt: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  }
}

export function stats(overrides: Partial<SubscriptionStats> & Pick<SubscriptionStats, 'subscriptionId'>): SubscriptionStats {
  return { sample: 0, successRate: null, failures: 0, p50LatencyMs: null, p95LatencyMs: null, queueDepth: 0, ...overrides }
}

export function delivery(overrides: Partial<Delivery> & Pick<Delivery, 'id'>): Delivery {
  return {
    eventId: `evt_${overrides.id}`,
    event: 'message.received',
    sessionId: 'shop',
    status: 'delivered',
    attempts: 1,
    latencyMs: 120,
    responseStatus: 200,
    responseBody: 'ok',
    error: null,
    nextAttemptAt: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    completedAt: '2026-03-01T10:00:01.000Z',
    ...overrides,
  }
}

export const kernelEvents: EventInfo[] = [
  { name: 'message.received', owner: 'core', description: null },
  { name: 'message.ack', owner: 'core', description: null },
  { name: 'contact-counter.milestone.reached', owner: 'contact-counter', description: 'A contact sent `milestone` messages' },
]
