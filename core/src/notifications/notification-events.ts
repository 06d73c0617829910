import { defineEvent } from '../bus/define-event.ts'
import type { NotificationSeverity } from './notification-entity.ts'

export interface NotificationCreatedPayload {
  notificationId: string
  userId: string
  type: string
  severity: NotificationSeverity
  title: string
  sessionId: string | null
}

/** Emitted once per recipient after a notification is stored (the realtime layer forwards it to the user). */
export const notificationCreated = defineEvent<NotificationCreatedPayload>('notification.created')
