import type { EntityManager, MikroORM } from '@mikro-orm/core'
import type { EventBus } from '../bus/event-bus.ts'
import { User } from '../db/entities/user.ts'
import { InputError } from '../errors/app-error.ts'
import { toFieldIssues } from '../http/zod-issues.ts'
import type { Logger } from '../logging/create-logger.ts'
import { Notification } from './notification-entity.ts'
import { notificationCreated } from './notification-events.ts'
import { notificationInputSchema, type NotificationInput, type ParsedNotificationInput } from './notification-input.ts'

/**
 * Raises notifications: one stored row per recipient, then `notification.created` per row. Only
 * active (not disabled) users receive them, and a notification about a session reaches only users
 * who may see that session, whoever asked for it to be sent.
 */
export class NotificationService {
  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger?: Logger,
  ) {}

  /** To the given users (unknown or disabled ones are skipped). */
  async notifyUsers(userIds: readonly string[], input: NotificationInput): Promise<Notification[]> {
    const content = parseInput(input)
    const ids = [...new Set(userIds)]
    if (ids.length === 0) return []
    const em = this.orm.em.fork()
    const users = await em.find(User, { id: { $in: ids }, disabled: false })
    return this.deliver(em, users, content)
  }

  /** To every active admin and every active user granted the session. */
  async notifySession(sessionId: string, input: Omit<NotificationInput, 'sessionId'>): Promise<Notification[]> {
    const content = parseInput({ ...input, sessionId })
    const em = this.orm.em.fork()
    return this.deliver(em, await em.find(User, { disabled: false }), content)
  }

  /** To every active admin. */
  async notifyAdmins(input: NotificationInput): Promise<Notification[]> {
    const content = parseInput(input)
    const em = this.orm.em.fork()
    return this.deliver(em, await em.find(User, { role: 'admin', disabled: false }), content)
  }

  private async deliver(em: EntityManager, users: User[], content: ParsedNotificationInput): Promise<Notification[]> {
    const sessionId = content.sessionId
    // Grants live in a JSON array; filtering here works the same on SQLite and PostgreSQL.
    const recipients = sessionId === null ? users : users.filter((user) => user.role === 'admin' || user.sessions.includes(sessionId))
    if (recipients.length === 0) return []
    const createdAt = new Date()
    const created = recipients.map((user) =>
      em.create(Notification, { id: crypto.randomUUID(), userId: user.id, ...content, readAt: null, createdAt }),
    )
    await em.flush()
    for (const notification of created) this.announce(notification)
    return created
  }

  /** Not awaited: the service is often called from bus handlers, which must not wait for the bus. */
  private announce(notification: Notification): void {
    const payload = {
      notificationId: notification.id,
      userId: notification.userId,
      type: notification.type,
      severity: notification.severity,
      title: notification.title,
      sessionId: notification.sessionId ?? null,
    }
    this.bus.emit(notificationCreated, payload).catch((error: unknown) => {
      this.logger?.warn({ err: error, notificationId: notification.id }, 'notification.created could not be emitted')
    })
  }
}

function parseInput(input: NotificationInput): ParsedNotificationInput {
  const parsed = notificationInputSchema.safeParse(input, { reportInput: true })
  if (!parsed.success) throw InputError.fields(toFieldIssues(parsed.error.issues, 'notification'), 'NOTIFICATION_INVALID')
  return parsed.data
}
