import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKey, AppNotification, Me, Message, PluginInfo, Session, SessionDetail, SessionPluginState, User } from '../admin-ui/src/api/types.ts'
import type { ChatSummary } from '../admin-ui/src/pages/messages/message-model.ts'
import type { RealtimeStatsSnapshot } from '../admin-ui/src/pages/system/realtime-stats.ts'
import type { Delivery, EventInfo, Subscription, SubscriptionStats, SubscriptionWithSecret, WebhookStats } from '../plugins/webhooks/ui/webhooks-types.ts'
import { createTestKernel, type TestKernel } from '../core/src/testing/index.ts'

/**
 * The panel's answer types are written by hand; each is listed here field by field, and the
 * compiler checks that a list names exactly the type's fields and which of them the panel counts
 * on. The test then holds each list against the schema the kernel documents for that answer, so a
 * field renamed, added or made optional on either side fails here instead of in a user's browser.
 */
type FieldList<T> = { [K in keyof T]-?: object extends Pick<T, K> ? 'optional' : 'required' }

const user = {
  id: 'required', email: 'required', name: 'required', role: 'required', sessions: 'required', disabled: 'required', createdAt: 'required', lastLoginAt: 'required',
} satisfies FieldList<User>

const me = { kind: 'required', id: 'required', name: 'required', role: 'required', sessions: 'required', user: 'required' } satisfies FieldList<Me>

const session = {
  clientId: 'required', name: 'required', driver: 'required', status: 'required', desiredState: 'required', phone: 'required', lastError: 'required', createdAt: 'required',
  startedAt: 'required', readyAt: 'required', uptimeSeconds: 'required', reconnects: 'required', nextRetryAt: 'required', qrPending: 'required', governor: 'required',
} satisfies FieldList<Session>

const sessionDetail = { ...session, stats: 'required' } satisfies FieldList<SessionDetail>
const sessionStats = { messages: 'required', browser: 'required' } satisfies FieldList<SessionDetail['stats']>

const message = {
  id: 'required', sessionId: 'required', chatId: 'required', from: 'required', to: 'required', fromMe: 'required', direction: 'required', type: 'required', body: 'required',
  timestamp: 'required', ack: 'required', ackName: 'required', ackAt: 'required', media: 'required', location: 'required', quotedMessageId: 'required', senderName: 'required',
} satisfies FieldList<Message>

const notification = {
  id: 'required', type: 'required', severity: 'required', title: 'required', body: 'required', sessionId: 'required', data: 'required', source: 'required', read: 'required',
  readAt: 'required', createdAt: 'required',
} satisfies FieldList<AppNotification>

const apiKey = {
  id: 'required', name: 'required', prefix: 'required', role: 'required', sessions: 'required', createdBy: 'required', createdAt: 'required', lastUsedAt: 'required',
  expiresAt: 'required', revokedAt: 'required',
} satisfies FieldList<ApiKey>

const plugin = {
  id: 'required', name: 'required', version: 'required', description: 'required', scope: 'required', source: 'required', status: 'required', error: 'required',
  dependencies: 'required', permissions: 'required', contributes: 'required', configSchema: 'required', adminModule: 'required', uiSource: 'required',
} satisfies FieldList<PluginInfo>

const sessionPlugin = {
  pluginId: 'required', sessionId: 'required', enabled: 'required', settings: 'required', effectiveSettings: 'required', configSchema: 'required', secrets: 'required',
} satisfies FieldList<SessionPluginState>

const chat = { chatId: 'required', name: 'required', phone: 'required', lastMessage: 'required', messageCount: 'required' } satisfies FieldList<ChatSummary>

const realtimeStats = {
  connections: 'required', subscriptions: 'required', windowSeconds: 'required', eventsOutPerSecond: 'required', bytesOutPerSecond: 'required', eventsOut: 'required',
  bytesOut: 'required', droppedEvents: 'required', backpressureDisconnects: 'required', revokedDisconnects: 'required', rejectedHandshakes: 'required', rateLimitedEmits: 'required',
} satisfies FieldList<RealtimeStatsSnapshot>

const subscription = {
  id: 'required', url: 'required', events: 'required', sessions: 'required', headers: 'required', active: 'required', maxConcurrency: 'required',
  previousSecretExpiresAt: 'required', createdAt: 'required', updatedAt: 'required',
} satisfies FieldList<Subscription>

const subscriptionWithSecret = { ...subscription, secret: 'required' } satisfies FieldList<SubscriptionWithSecret>

const delivery = {
  id: 'required', eventId: 'required', event: 'required', sessionId: 'required', status: 'required', attempts: 'required', latencyMs: 'required', responseStatus: 'required',
  responseBody: 'required', error: 'required', nextAttemptAt: 'required', createdAt: 'required', completedAt: 'required',
} satisfies FieldList<Delivery>

const subscriptionStats = {
  subscriptionId: 'required', sample: 'required', successRate: 'required', failures: 'required', p50LatencyMs: 'required', p95LatencyMs: 'required', queueDepth: 'required',
} satisfies FieldList<SubscriptionStats>

const webhookStats = { items: 'required', queueDepth: 'required' } satisfies FieldList<WebhookStats>
const eventInfo = { name: 'required', owner: 'required', description: 'required' } satisfies FieldList<EventInfo>

interface ObjectSchema {
  type?: string | string[]
  properties?: Record<string, ObjectSchema>
  required?: string[]
  items?: ObjectSchema
  anyOf?: ObjectSchema[]
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { schema: ObjectSchema } } }> }>>
}

/** A nullable object is documented as `anyOf: [object, null]`; this returns the object part. */
function objectPart(schema: ObjectSchema): ObjectSchema {
  return schema.anyOf?.find((member) => member.properties) ?? schema
}

/** How the schema has each of the object's fields: required or optional. */
function documentedFields(schema: ObjectSchema): Record<string, 'required' | 'optional'> {
  const object = objectPart(schema)
  expect(object.properties, 'an object schema with properties').toBeDefined()
  const required = new Set(object.required ?? [])
  return Object.fromEntries(Object.keys(object.properties ?? {}).map((name) => [name, required.has(name) ? 'required' : 'optional']))
}

describe('the panel reads the API answers the kernel documents', () => {
  let harness: TestKernel
  let document: OpenApiDocument

  beforeAll(async () => {
    harness = await createTestKernel({ builtinPlugins: true })
    const response = await harness.request<OpenApiDocument>('GET', '/api/openapi.json')
    expect(response.status).toBe(200)
    document = response.body
  })
  afterAll(async () => {
    await harness.close()
  })

  function answer(path: string, method = 'get', status = '200'): ObjectSchema {
    const schema = document.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema
    expect(schema, `${method.toUpperCase()} ${path} documents its answer`).toBeDefined()
    return schema!
  }
  const listItem = (path: string) => answer(path).properties!.items!.items!

  it.each([
    ['User', user, () => listItem('/api/users')],
    ['User (one)', user, () => answer('/api/users/{id}')],
    ['Me', me, () => answer('/api/auth/me')],
    ['Me.user', user, () => answer('/api/auth/me').properties!.user!],
    ['Session', session, () => listItem('/api/sessions/list')],
    ['SessionDetail', sessionDetail, () => answer('/api/sessions/{clientId}')],
    ['SessionDetail.stats', sessionStats, () => answer('/api/sessions/{clientId}').properties!.stats!],
    ['Message', message, () => listItem('/api/messages')],
    ['AppNotification', notification, () => listItem('/api/notifications')],
    ['ApiKey', apiKey, () => listItem('/api/keys')],
    ['PluginInfo', plugin, () => listItem('/api/plugins')],
    ['SessionPluginState', sessionPlugin, () => listItem('/api/sessions/{clientId}/plugins')],
    ['ChatSummary', chat, () => listItem('/api/chats')],
    ['ChatSummary.lastMessage', message, () => listItem('/api/chats').properties!.lastMessage!],
    ['RealtimeStatsSnapshot', realtimeStats, () => answer('/api/realtime/stats')],
    ['webhooks Subscription', subscription, () => listItem('/api/plugins/webhooks/subscriptions')],
    ['webhooks Subscription (edited)', subscription, () => answer('/api/plugins/webhooks/subscriptions/{id}', 'patch')],
    ['webhooks SubscriptionWithSecret (created)', subscriptionWithSecret, () => answer('/api/plugins/webhooks/subscriptions', 'post', '201')],
    ['webhooks SubscriptionWithSecret (rotated)', subscriptionWithSecret, () => answer('/api/plugins/webhooks/subscriptions/{id}/rotate-secret', 'post')],
    ['webhooks Delivery', delivery, () => listItem('/api/plugins/webhooks/subscriptions/{id}/deliveries')],
    ['webhooks WebhookStats', webhookStats, () => answer('/api/plugins/webhooks/stats')],
    ['webhooks SubscriptionStats', subscriptionStats, () => answer('/api/plugins/webhooks/stats').properties!.items!.items!],
    ['webhooks EventInfo', eventInfo, () => listItem('/api/plugins/webhooks/events')],
  ])('%s has the fields of its documented answer', (_name, panelFields, schema) => {
    expect(panelFields).toEqual(documentedFields(schema()))
  })
})
