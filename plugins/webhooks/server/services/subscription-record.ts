import type { Subscription } from '../entities/subscription.ts'

/** A subscription with its JSON columns parsed. */
export interface SubscriptionRecord {
  id: string
  url: string
  events: string[]
  /** null: every session. */
  sessions: string[] | null
  headers: Record<string, string>
  active: boolean
  maxConcurrency: number
  secret: string
  previousSecret: string | null
  previousSecretUntil: number | null
  createdBy: string
  createdAt: number
  updatedAt: number
}

export function toRecord(row: Subscription): SubscriptionRecord {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    sessions: row.sessions === null ? null : (JSON.parse(row.sessions) as string[]),
    headers: JSON.parse(row.headers) as Record<string, string>,
    active: Boolean(row.active),
    maxConcurrency: row.maxConcurrency,
    secret: row.secret,
    previousSecret: row.previousSecret,
    previousSecretUntil: row.previousSecretUntil,
    createdBy: row.createdBy,
    createdAt: Number(row.createdAt),
    updatedAt: Number(row.updatedAt),
  }
}

/** Secrets that sign a delivery now: the current one, and the previous one during its overlap. */
export function signingSecrets(subscription: SubscriptionRecord, nowMs: number): string[] {
  const previous = subscription.previousSecret && (subscription.previousSecretUntil ?? 0) > nowMs ? [subscription.previousSecret] : []
  return [subscription.secret, ...previous]
}

/** Whether an event reaches the subscription: its name is listed (or `*`) and its session is covered. */
export function matches(subscription: SubscriptionRecord, event: string, sessionId: string | undefined): boolean {
  if (!subscription.active) return false
  if (!subscription.events.includes('*') && !subscription.events.includes(event)) return false
  if (subscription.sessions === null) return true
  return sessionId !== undefined && subscription.sessions.includes(sessionId)
}
