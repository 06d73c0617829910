import { EntitySchema } from '@mikro-orm/core'

export const notificationSeverities = ['info', 'warning', 'error'] as const
export type NotificationSeverity = (typeof notificationSeverities)[number]

/** One notification for one user, raised by the kernel (`source: core`) or by a plugin (its id). */
export class Notification {
  id!: string
  userId!: string
  /** Dotted lowercase, e.g. `session.failed` or `campaign.finished`. */
  type!: string
  severity!: NotificationSeverity
  title!: string
  body!: string
  sessionId?: string | null
  data?: Record<string, unknown> | null
  /** `core` or the id of the plugin that raised it. */
  source!: string
  readAt?: Date | null
  createdAt!: Date
}

export const NotificationSchema = new EntitySchema<Notification>({
  class: Notification,
  tableName: 'notifications',
  indexes: [
    { name: 'notifications_user_created_idx', properties: ['userId', 'createdAt', 'id'] },
    { name: 'notifications_user_read_created_idx', properties: ['userId', 'readAt', 'createdAt'] },
  ],
  properties: {
    id: { type: 'string', primary: true, length: 36 },
    userId: { type: 'string', length: 36 },
    type: { type: 'string', length: 100 },
    severity: { type: 'string', length: 16 },
    title: { type: 'string', length: 200 },
    body: { type: 'text' },
    sessionId: { type: 'string', length: 63, nullable: true },
    data: { type: 'json', nullable: true },
    source: { type: 'string', length: 64 },
    readAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
  },
})
