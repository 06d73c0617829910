import { publicPayload, type EventMeta } from '@waqtor/core'
import type { NewDelivery } from './delivery-store.ts'
import { timeOrderedId } from './ids.ts'
import type { SubscriptionRecord } from './subscription-record.ts'

/** The JSON body every attempt sends, byte for byte. */
export interface WebhookBody {
  id: string
  event: string
  sessionId: string | null
  occurredAt: string
  data: object
}

/** Builds one delivery per subscription for an event; the body (and its id) is shared by all. */
export function deliveriesFor(subscriptions: readonly SubscriptionRecord[], event: string, payload: object, occurredAt: Date): NewDelivery[] {
  const sessionId = stringField(payload, 'sessionId')
  const eventId = timeOrderedId('evt_')
  const body: WebhookBody = { id: eventId, event, sessionId: sessionId ?? null, occurredAt: occurredAt.toISOString(), data: publicPayload(event, payload) }
  const text = JSON.stringify(body)
  const createdAt = Date.now()
  return subscriptions.map((subscription) => ({
    id: timeOrderedId('dlv_'),
    subscriptionId: subscription.id,
    eventId,
    event,
    sessionId: sessionId ?? null,
    chatId: stringField(payload, 'chatId') ?? null,
    payload: text,
    createdAt,
  }))
}

/**
 * The bus handler's whole job: persist, then wake the worker. No HTTP here, so a slow receiver
 * never slows the bus, and an event is durable before anything is attempted.
 */
export async function recordEvent(
  persist: (deliveries: NewDelivery[]) => Promise<void>,
  matching: readonly SubscriptionRecord[],
  eventName: string,
  payload: object,
  meta: EventMeta,
): Promise<NewDelivery[]> {
  if (matching.length === 0) return []
  const deliveries = deliveriesFor(matching, eventName, payload, meta.emittedAt)
  await persist(deliveries)
  return deliveries
}

export function stringField(payload: object, field: string): string | undefined {
  const value = (payload as Record<string, unknown>)[field]
  return typeof value === 'string' ? value : undefined
}
