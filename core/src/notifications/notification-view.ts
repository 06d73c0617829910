import { z } from 'zod'
import type { Notification } from './notification-entity.ts'
import { notificationSeveritySchema } from './notification-input.ts'

export const notificationView = z.object({
  id: z.string(),
  type: z.string(),
  severity: notificationSeveritySchema,
  title: z.string(),
  body: z.string(),
  sessionId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  /** `core` or the id of the plugin that raised it. */
  source: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
})

export type NotificationView = z.infer<typeof notificationView>

export function toNotificationView(notification: Notification): NotificationView {
  return {
    id: notification.id,
    type: notification.type,
    severity: notification.severity,
    title: notification.title,
    body: notification.body,
    sessionId: notification.sessionId ?? null,
    data: notification.data ?? null,
    source: notification.source,
    read: notification.readAt != null,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  }
}
