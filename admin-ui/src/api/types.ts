/** Shapes of the WaQtor API answers the panel reads (see /api/openapi.json; test/panel-api-contract.test.ts holds them against it). */
import type { JsonSchema } from '../components/json-schema-form/schema-model.ts'
import type { SchemaValues } from '../components/json-schema-form/schema-values.ts'

export type Role = 'admin' | 'agent' | 'viewer'

export interface User {
  id: string
  email: string
  name: string
  role: Role
  sessions: string[]
  disabled: boolean
  createdAt: string
  lastLoginAt: string | null
}

export interface Me {
  kind: 'user' | 'api-key'
  id: string
  name: string
  role: Role
  sessions: string[] | null
  user: User | null
}

export type SessionStatus = 'starting' | 'qr' | 'authenticated' | 'ready' | 'disconnected' | 'failed' | 'stopped'

export interface Session {
  clientId: string
  name: string
  driver: 'whatsapp-web' | 'sandbox'
  status: SessionStatus
  desiredState: 'running' | 'stopped'
  phone: string | null
  lastError: string | null
  createdAt: string
  startedAt: string | null
  readyAt: string | null
  uptimeSeconds: number | null
  reconnects: number
  nextRetryAt: string | null
  qrPending: boolean
  /** The session's own sending governor settings; null: the defaults of its driver (GET /api/sessions/:clientId/governor). */
  governor: { messagesPerMinute?: number; jitterMinMs?: number; jitterMaxMs?: number } | null
}

export interface SessionDetail extends Session {
  stats: {
    messages: { sent: number; received: number; failed: number }
    browser: { rssBytes: number | null; pssBytes: number | null; recycles: number } | null
  }
}

export type AckName = 'error' | 'pending' | 'server' | 'device' | 'read' | 'played'

export interface Message {
  id: string
  sessionId: string
  chatId: string
  from: string
  to: string
  fromMe: boolean
  direction: 'in' | 'out'
  type: string
  body: string
  timestamp: string
  ack: number
  ackName: AckName
  ackAt: string | null
  media: { mimetype: string; filename: string | null; size: number | null } | null
  location: { latitude: number; longitude: number; description: string | null } | null
  quotedMessageId: string | null
  senderName: string | null
}

export type NotificationSeverity = 'info' | 'warning' | 'error'

export interface AppNotification {
  id: string
  type: string
  severity: NotificationSeverity
  title: string
  body: string
  sessionId: string | null
  data: Record<string, unknown> | null
  source: string
  read: boolean
  readAt: string | null
  createdAt: string
}

export interface ApiKey {
  id: string
  name: string
  prefix: string
  role: Role
  sessions: string[] | null
  createdBy: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  revokedAt: string | null
}

export type PluginStatus = 'loaded' | 'registered' | 'started' | 'failed' | 'disabled' | 'stopped'

export interface PluginInfo {
  id: string
  name: string | null
  version: string | null
  description: string | null
  scope: 'global' | 'session' | null
  source: 'builtin' | 'directory' | 'package'
  status: PluginStatus
  error: { code: string; message: string; details: unknown } | null
  dependencies: Record<string, string>
  permissions: string[]
  contributes: Record<string, unknown>
  configSchema: Record<string, unknown> | null
  /** A browser-ready admin module the kernel serves, for started plugins that ship one. */
  adminModule: { entry: string } | null
  /** The manifest's ui entry (source entries are compiled into the panel). */
  uiSource: string | null
}

/** A session-scoped plugin as one session has it (GET /api/sessions/:clientId/plugins). */
export interface SessionPluginState {
  pluginId: string
  sessionId: string
  enabled: boolean
  /** The settings set for this session. */
  settings: SchemaValues
  /** What applies: defaults, then the global settings, then this session's. */
  effectiveSettings: SchemaValues
  configSchema: JsonSchema | null
  /** Secret settings by path: never their value (absent from settings), only whether they are set and where. */
  secrets: Record<string, { set: boolean; source: 'session' | 'global' | null }>
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}
