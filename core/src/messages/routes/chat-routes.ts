import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess } from '../../auth/principal.ts'
import { Session } from '../../db/entities/index.ts'
import { NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import { listChats } from '../chat-query.ts'
import { chatView, toChatView } from '../chat-view.ts'

/** The conversations of a session, as the panel's inbox lists them. */
export function registerChatRoutes({ api, orm }: { api: ApiRouter; orm: MikroORM }): void {
  api.route({
    method: 'get',
    path: '/chats',
    summary: 'Chats of a session, latest activity first, each with its last message (cursor pagination)',
    description: 'One item per chat the session has messages in. `search` matches part of the chat id (so of the number) or of the contact name or WhatsApp name, case-insensitive.',
    tags: ['messages'],
    query: z.object({
      clientId: clientIdSchema,
      // `?search=` with nothing after it is no filter, as in most search boxes.
      search: z.string().trim().max(100).optional().transform((value) => value || undefined),
      cursor: z.string().max(600).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(chatView), nextCursor: z.string().nullable() }),
    errors: { 404: 'No such session' },
    async handler(ctx, { query }) {
      assertSessionAccess(ctx.state.principal, query.clientId)
      if (!(await orm.em.count(Session, { clientId: query.clientId }))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${query.clientId}`)
      const page = await listChats(orm, { sessionId: query.clientId, search: query.search, cursor: query.cursor, limit: query.limit })
      return { items: page.items.map(toChatView), nextCursor: page.nextCursor }
    },
  })
}
