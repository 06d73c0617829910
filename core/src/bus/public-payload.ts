import {
  contactUpdated, messageAck, messageReceived, messageSent, pluginSessionDisabled, pluginSessionEnabled, sessionCreated, sessionDeleted,
  sessionDisconnected, sessionQrReceived, sessionReady, sessionStatusChanged, type ListReply, type MessageEventPayload,
} from './core-events.ts'
import type { EventDefinition, EventPayload } from './define-event.ts'

/** Every field of a payload type, named once: adding a field to the type without listing it here fails to compile. */
type Fields<T> = { readonly [K in keyof Required<T>]: true }

const messageFields = { sessionId: true, messageId: true, chatId: true, from: true, to: true, type: true, body: true, timestamp: true, fromMe: true, listReply: true } satisfies Fields<MessageEventPayload>
const listReplyFields = { listMessageId: true, rowId: true, title: true } satisfies Fields<ListReply>

const declared = new Map<string, readonly string[]>()
function declare<E extends EventDefinition<object>>(event: E, fields: Fields<EventPayload<E>>): void {
  declared.set(event.name, Object.keys(fields))
}
declare(sessionCreated, { sessionId: true, driver: true, name: true })
declare(sessionDeleted, { sessionId: true })
declare(sessionStatusChanged, { sessionId: true, status: true, previous: true, error: true })
declare(sessionQrReceived, { sessionId: true, qr: true })
declare(sessionReady, { sessionId: true, phone: true })
declare(sessionDisconnected, { sessionId: true, reason: true })
declare(messageReceived, messageFields)
declare(messageSent, messageFields)
declare(messageAck, { sessionId: true, messageId: true, chatId: true, ack: true, ackName: true })
declare(contactUpdated, { sessionId: true, contactId: true, changes: true })
declare(pluginSessionEnabled, { pluginId: true, sessionId: true })
declare(pluginSessionDisabled, { pluginId: true, sessionId: true })

/**
 * What leaves the kernel for a core event (realtime clients, webhooks): the fields its type
 * declares, nothing an interceptor or the kernel added for plugins (tags, responder bookkeeping).
 * Plugin events are the plugin's own contract and pass unchanged.
 */
export function publicPayload(eventName: string, payload: object): object {
  const fields = declared.get(eventName)
  if (!fields) return payload
  const source = payload as Record<string, unknown>
  const result: Record<string, unknown> = {}
  for (const field of fields) {
    if (source[field] !== undefined) result[field] = source[field]
  }
  const listReply = result.listReply as Record<string, unknown> | undefined
  if (listReply && typeof listReply === 'object') {
    result.listReply = Object.fromEntries(Object.keys(listReplyFields).filter((field) => listReply[field] !== undefined).map((field) => [field, listReply[field]]))
  }
  return result
}
