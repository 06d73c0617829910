import { defineEvent } from './define-event.ts'

/** Core events every plugin may subscribe to. Payloads are normalized across drivers. */

export type SessionStatus =
  | 'starting'
  | 'qr'
  | 'authenticated'
  | 'ready'
  | 'disconnected'
  | 'failed'
  | 'stopped'

/** whatsapp-web.js ACK levels: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
export type AckName = 'error' | 'pending' | 'server' | 'device' | 'read' | 'played'

export interface MessageEventPayload {
  sessionId: string
  messageId: string
  chatId: string
  from: string
  to: string
  type: string
  body: string
  /** ISO 8601. */
  timestamp: string
  fromMe: boolean
  /** Inbound only: the option this message chose from the chat's open list message (docs/plugin-api/messages.md). */
  listReply?: ListReply
}

/** A reply mapped to an option of a list message a plugin sent. */
export interface ListReply {
  /** The list message's id (as in message.sent). */
  listMessageId: string
  /** The chosen row's `id`, as the plugin gave it. */
  rowId: string
  title: string
}

export const sessionCreated = defineEvent<{ sessionId: string; driver: string; name: string }>(
  'session.created',
)
export const sessionDeleted = defineEvent<{ sessionId: string }>('session.deleted')
export const sessionStatusChanged = defineEvent<{
  sessionId: string
  status: SessionStatus
  previous: SessionStatus | null
  error: string | null
}>('session.status')
export const sessionQrReceived = defineEvent<{ sessionId: string; qr: string }>('session.qr')
export const sessionReady = defineEvent<{ sessionId: string; phone: string | null }>('session.ready')
export const sessionDisconnected = defineEvent<{ sessionId: string; reason: string }>('session.disconnected')

export const messageReceived = defineEvent<MessageEventPayload>('message.received')
export const messageSent = defineEvent<MessageEventPayload>('message.sent')
export const messageAck = defineEvent<{
  sessionId: string
  messageId: string
  chatId: string
  ack: number
  ackName: AckName
}>('message.ack')

/** What a contact change set, field by field; only the fields that changed are present. */
export interface ContactChanges {
  name?: string | null
  tags?: string[]
  optedOut?: boolean
  /** The language a person or plugin set (null: cleared, detection resumes). */
  locale?: 'ar' | 'en' | null
}

/**
 * A person edited a contact (name, tags, opt-out, language). Campaigns and GDPR subscribe to honour
 * `optedOut` at once. Not emitted for traffic counters or a push name WhatsApp reported.
 */
export const contactUpdated = defineEvent<{ sessionId: string; contactId: string; changes: ContactChanges }>('contact.updated')

export interface PluginSessionPayload {
  pluginId: string
  sessionId: string
}

export const pluginSessionEnabled = defineEvent<PluginSessionPayload>('plugin.session.enabled')
export const pluginSessionDisabled = defineEvent<PluginSessionPayload>('plugin.session.disabled')

/** All core events, e.g. for the webhook plugin's list of subscribable events. */
export const coreEvents = [
  sessionCreated,
  sessionDeleted,
  sessionStatusChanged,
  sessionQrReceived,
  sessionReady,
  sessionDisconnected,
  messageReceived,
  messageSent,
  messageAck,
  contactUpdated,
  pluginSessionEnabled,
  pluginSessionDisabled,
] as const
