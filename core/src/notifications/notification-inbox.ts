import type { FilterQuery, MikroORM } from '@mikro-orm/core'
import { NotFoundError } from '../errors/app-error.ts'
import type { NotificationCursor } from './notification-cursor.ts'
import { Notification } from './notification-entity.ts'

export interface InboxFilter {
  /** true: only read ones; false: only unread ones; undefined: both. */
  read?: boolean
  type?: string
}

export interface InboxPage {
  items: Notification[]
  /** Where the next page starts, or null on the last page. */
  next: NotificationCursor | null
}

/** One user's notifications: every query is bound to that user, so nobody reaches another's. */
export class NotificationInbox {
  constructor(private readonly orm: MikroORM) {}

  /** Newest first; `createdAt` then `id` order them, so equal timestamps still page exactly. */
  async list(userId: string, filter: InboxFilter, page: { cursor?: NotificationCursor; limit: number }): Promise<InboxPage> {
    const where: FilterQuery<Notification> = { ...ownedBy(userId, filter.type), ...readFilter(filter.read), ...after(page.cursor) }
    const rows = await this.orm.em.fork().find(Notification, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: page.limit + 1 })
    const items = rows.slice(0, page.limit)
    const last = items.at(-1)
    return { items, next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null }
  }

  async count(userId: string, type?: string): Promise<{ unread: number; total: number }> {
    const em = this.orm.em.fork()
    const [unread, total] = await Promise.all([
      em.count(Notification, { ...ownedBy(userId, type), readAt: null }),
      em.count(Notification, ownedBy(userId, type)),
    ])
    return { unread, total }
  }

  /** Marking read keeps the first read time; marking unread clears it. */
  async setRead(userId: string, id: string, read: boolean): Promise<Notification> {
    const em = this.orm.em.fork()
    const notification = await em.findOne(Notification, { id, userId })
    if (!notification) throw notFound(id)
    notification.readAt = read ? (notification.readAt ?? new Date()) : null
    await em.flush()
    return notification
  }

  /** Marks every unread notification (of one type, if given) read; returns how many changed. */
  async readAll(userId: string, type?: string): Promise<number> {
    return this.orm.em.fork().nativeUpdate(Notification, { ...ownedBy(userId, type), readAt: null }, { readAt: new Date() })
  }

  async remove(userId: string, id: string): Promise<void> {
    const deleted = await this.orm.em.fork().nativeDelete(Notification, { id, userId })
    if (deleted === 0) throw notFound(id)
  }
}

function ownedBy(userId: string, type: string | undefined): FilterQuery<Notification> & object {
  return type === undefined ? { userId } : { userId, type }
}

/** Strictly after the cursor in (createdAt desc, id desc) order. */
function after(cursor: NotificationCursor | undefined): FilterQuery<Notification> & object {
  if (!cursor) return {}
  const { createdAt, id } = cursor
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, id: { $lt: id } }] }
}

function readFilter(read: boolean | undefined): FilterQuery<Notification> & object {
  if (read === undefined) return {}
  return read ? { readAt: { $ne: null } } : { readAt: null }
}

/** Another user's notification is answered like a missing one, so ids cannot be probed. */
function notFound(id: string): NotFoundError {
  return new NotFoundError('NOTIFICATION_NOT_FOUND', `notification ${id}`)
}
