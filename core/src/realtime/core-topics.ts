import {
  messageAck, messageReceived, messageSent, sessionCreated, sessionDeleted, sessionDisconnected, sessionQrReceived, sessionReady,
  sessionStatusChanged,
} from '../bus/core-events.ts'
import { notificationCreated } from '../notifications/notification-events.ts'

/** `session`: one room per session (`<topic>:<sessionId>`, `<topic>:*` for all). `user`: one room per user. */
export type TopicAudience = 'session' | 'user'

export interface TopicDefinition {
  name: string
  audience: TopicAudience
}

export const coreTopics: readonly TopicDefinition[] = [
  { name: 'sessions', audience: 'session' },
  { name: 'messages', audience: 'session' },
  { name: 'notifications', audience: 'user' },
]

/** The bus events the `/core` namespace forwards, by topic. */
export const coreEventTopics: ReadonlyMap<string, string> = new Map([
  ...[sessionStatusChanged, sessionQrReceived, sessionReady, sessionDisconnected, sessionCreated, sessionDeleted].map((event) => [event.name, 'sessions'] as const),
  ...[messageReceived, messageSent, messageAck].map((event) => [event.name, 'messages'] as const),
  [notificationCreated.name, 'notifications'] as const,
])

/**
 * Events a client can afford to miss when it is behind: a newer one of the same kind supersedes
 * them (a QR code is replaced every ~20 s). ACKs, messages and status changes are never volatile.
 */
export const volatileCoreEvents: ReadonlySet<string> = new Set([sessionQrReceived.name])

/** Room of a topic for one session (or `*`: every session) or one user. */
export function topicRoom(topic: string, key: string): string {
  return `${topic}:${key}`
}

export const allSessions = '*'
