/** Shapes of the webhooks plugin's answers and inputs (plugins/webhooks/server/routes); test/panel-api-contract.test.ts holds them against its OpenAPI schemas. */

export interface Subscription {
  id: string
  url: string
  events: string[]
  /** null: every session (and events without a session). */
  sessions: string[] | null
  headers: Record<string, string>
  active: boolean
  maxConcurrency: number
  /** While set and in the future, deliveries carry a second signature made with the previous secret. */
  previousSecretExpiresAt: string | null
  createdAt: string
  updatedAt: string
}

/** A subscription as answered by create and rotate: the only times its secret is shown. */
export interface SubscriptionWithSecret extends Subscription {
  secret: string
}

export type DeliveryStatus = 'pending' | 'in_flight' | 'delivered' | 'failed'

export interface Delivery {
  id: string
  eventId: string
  event: string
  sessionId: string | null
  status: DeliveryStatus
  attempts: number
  latencyMs: number | null
  responseStatus: number | null
  /** At most 1 KiB of the last response's body. */
  responseBody: string | null
  error: string | null
  nextAttemptAt: string | null
  createdAt: string
  completedAt: string | null
}

export interface SubscriptionStats {
  subscriptionId: string
  /** Finished deliveries looked at (the most recent, up to 1000). */
  sample: number
  successRate: number | null
  failures: number
  p50LatencyMs: number | null
  p95LatencyMs: number | null
  queueDepth: number
}

export interface WebhookStats {
  items: SubscriptionStats[]
  queueDepth: number
}

export interface EventInfo {
  name: string
  /** `core` or the id of the plugin that emits it. */
  owner: string
  description: string | null
}

/** What the create and edit forms send; `sessions` omitted keeps the default (create) or the current list (edit). */
export interface SubscriptionInput {
  url: string
  events: string[]
  sessions?: string[]
  headers: Record<string, string>
  active: boolean
  maxConcurrency?: number
}

