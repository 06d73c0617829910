import { api, type Page } from '@waqtor/admin-kit'
import type { Delivery, DeliveryStatus, EventInfo, Subscription, SubscriptionInput, SubscriptionWithSecret, WebhookStats } from './webhooks-types.ts'

export type { Delivery, DeliveryStatus, EventInfo, Subscription, SubscriptionInput, SubscriptionStats, SubscriptionWithSecret, WebhookStats } from './webhooks-types.ts'

export const deliveryStatuses: readonly DeliveryStatus[] = ['pending', 'in_flight', 'delivered', 'failed']

const base = 'plugins/webhooks'
const subscriptionPath = (id: string) => `${base}/subscriptions/${encodeURIComponent(id)}`

/** Calls of the webhooks plugin's routes (plugins/webhooks/server/routes), under /api/plugins/webhooks. */
export const webhooksApi = {
  subscriptions: (signal?: AbortSignal) => api.get<{ items: Subscription[] }>(`${base}/subscriptions`, undefined, signal).then((answer) => answer.items),
  create: (input: SubscriptionInput) => api.post<SubscriptionWithSecret>(`${base}/subscriptions`, input),
  update: (id: string, changes: Partial<SubscriptionInput>) => api.patch<Subscription>(subscriptionPath(id), changes),
  remove: (id: string) => api.delete(subscriptionPath(id)),
  rotateSecret: (id: string, overlapSeconds: number) => api.post<SubscriptionWithSecret>(`${subscriptionPath(id)}/rotate-secret`, { overlapSeconds }),
  sendTest: (id: string) => api.post<{ deliveryId: string; eventId: string }>(`${subscriptionPath(id)}/test`),
  deliveries: (id: string, query: { status?: DeliveryStatus; cursor?: string | null; limit: number }, signal?: AbortSignal) =>
    api.get<Page<Delivery>>(`${subscriptionPath(id)}/deliveries`, { status: query.status, cursor: query.cursor, limit: query.limit }, signal),
  replay: (id: string, deliveryId: string) => api.post<{ replayed: number }>(`${subscriptionPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`),
  replayFailed: (id: string) => api.post<{ replayed: number }>(`${subscriptionPath(id)}/deliveries/replay-failed`),
  stats: (signal?: AbortSignal) => api.get<WebhookStats>(`${base}/stats`, undefined, signal),
  events: (signal?: AbortSignal) => api.get<{ items: EventInfo[] }>(`${base}/events`, undefined, signal).then((answer) => answer.items),
}
