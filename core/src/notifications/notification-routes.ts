import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { idParams } from '../auth/auth-schemas.ts'
import { requirePrincipal, type Principal } from '../auth/principal.ts'
import { ForbiddenError } from '../errors/app-error.ts'
import type { ApiRouter } from '../http/api-router.ts'
import { cursorSchema, encodeCursor } from './notification-cursor.ts'
import { NotificationInbox } from './notification-inbox.ts'
import { notificationTypeSchema } from './notification-input.ts'
import { notificationView, toNotificationView } from './notification-view.ts'

const tags = ['notifications']
const usersOnly = 'Notifications belong to users: only the user they were sent to may read them'

const listQuery = z.object({
  read: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  type: notificationTypeSchema.optional(),
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

/** The caller's own notifications. API keys act for integrations, not people, so they have none. */
export function registerNotificationRoutes({ api, orm }: { api: ApiRouter; orm: MikroORM }): void {
  const inbox = new NotificationInbox(orm)

  api.route({
    method: 'get',
    path: '/notifications',
    summary: 'Your notifications, newest first',
    description: `Pages with \`cursor\` = the previous page's \`nextCursor\` (null on the last page). ${usersOnly}.`,
    tags,
    query: listQuery,
    response: z.object({ items: z.array(notificationView), nextCursor: z.string().nullable() }),
    async handler(ctx, { query }) {
      const user = requireUser(ctx.state.principal)
      const page = await inbox.list(user.id, { read: query.read, type: query.type }, { cursor: query.cursor, limit: query.limit })
      return { items: page.items.map(toNotificationView), nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  })

  api.route({
    method: 'get',
    path: '/notifications/count',
    summary: 'How many of your notifications are unread, and in all',
    tags,
    query: z.object({ type: notificationTypeSchema.optional() }),
    response: z.object({ unread: z.number().int(), total: z.number().int() }),
    handler: (ctx, { query }) => inbox.count(requireUser(ctx.state.principal).id, query.type),
  })

  api.route({
    method: 'post',
    path: '/notifications/read-all',
    summary: 'Mark all your unread notifications read (of one type, if given)',
    tags,
    body: z.object({ type: notificationTypeSchema.optional() }).strict().optional(),
    response: z.object({ updated: z.number().int() }),
    async handler(ctx, { body }) {
      return { updated: await inbox.readAll(requireUser(ctx.state.principal).id, body?.type) }
    },
  })

  api.route({
    method: 'patch',
    path: '/notifications/:id',
    summary: 'Mark one of your notifications read or unread',
    tags,
    params: idParams,
    body: z.object({ read: z.boolean() }).strict(),
    response: notificationView,
    errors: { 404: 'No such notification of yours' },
    async handler(ctx, { params, body }) {
      return toNotificationView(await inbox.setRead(requireUser(ctx.state.principal).id, params.id, body.read))
    },
  })

  api.route({
    method: 'delete',
    path: '/notifications/:id',
    summary: 'Delete one of your notifications',
    tags,
    params: idParams,
    status: 204,
    errors: { 404: 'No such notification of yours' },
    async handler(ctx, { params }) {
      await inbox.remove(requireUser(ctx.state.principal).id, params.id)
    },
  })
}

function requireUser(principal: Principal | undefined): Principal {
  const caller = requirePrincipal(principal)
  if (caller.kind !== 'user') {
    throw new ForbiddenError('USERS_ONLY', `${usersOnly}; an API key has no notifications. Log in as a user (POST /api/auth/login) to read yours.`)
  }
  return caller
}
