import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess, canAccessSession, requirePrincipal, writerRoles } from '../../auth/principal.ts'
import { Message, Session } from '../../db/entities/index.ts'
import { ConflictError, NotFoundError } from '../../errors/app-error.ts'
import type { ApiContext } from '../../http/api-context.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import type { OutgoingContent } from '../../sessions/drivers/driver-contract.ts'
import { normalizeChatId } from '../chat-id.ts'
import { cursorFilter, encodeCursor } from '../message-cursor.ts'
import { withIdempotency } from '../idempotency.ts'
import type { MessageSender } from '../message-sender.ts'
import { messageView, toMessageView } from '../message-view.ts'

const sessionQuery = z.object({ clientId: clientIdSchema })
const sendErrors = { 404: 'No such session', 409: 'The session is not ready, or the Idempotency-Key was used for another request', 502: 'WhatsApp refused the message' }
const sendDescription = 'Answers 201 with the stored message. Send an `Idempotency-Key` header to make retries safe: a repeated request returns the first response and sends nothing.'

export function registerMessageRoutes({ api, orm, sender }: { api: ApiRouter; orm: MikroORM; sender: MessageSender }): void {
  const sessionExists = async (clientId: string) => {
    if (!(await orm.em.count(Session, { clientId }))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${clientId}`)
  }

  /** The common path of every send: access, session, recipient, then at most once per Idempotency-Key. */
  const sendOnce = async (ctx: ApiContext, clientId: string, body: { to: string; replyTo?: string | undefined }, content: OutgoingContent) => {
    assertSessionAccess(ctx.state.principal, clientId)
    await sessionExists(clientId)
    const chatId = normalizeChatId(body.to, 'body.to')
    return withIdempotency(ctx, orm, body, () => sender.send(clientId, chatId, content, body.replyTo))
  }

  api.route({
    method: 'post',
    path: '/messages/send-text',
    summary: 'Send a text message',
    description: sendDescription,
    tags: ['messages'],
    access: writerRoles,
    status: 201,
    query: sessionQuery,
    body: z.object({ to: z.string().min(1).max(64), text: z.string().min(1).max(65_536), replyTo: z.string().min(1).max(255).optional() }).strict(),
    response: messageView,
    errors: sendErrors,
    handler: (ctx, { query, body }) => sendOnce(ctx, query.clientId, body, { type: 'text', text: body.text }),
  })

  api.route({
    method: 'post',
    path: '/messages/send-location',
    summary: 'Send a location pin',
    description: sendDescription,
    tags: ['messages'],
    access: writerRoles,
    status: 201,
    query: sessionQuery,
    body: z
      .object({
        to: z.string().min(1).max(64),
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        description: z.string().max(1000).optional(),
        replyTo: z.string().min(1).max(255).optional(),
      })
      .strict(),
    response: messageView,
    errors: sendErrors,
    handler: (ctx, { query, body }) =>
      sendOnce(ctx, query.clientId, body, { type: 'location', latitude: body.latitude, longitude: body.longitude, description: body.description ?? null }),
  })

  api.route({
    method: 'post',
    path: '/messages/send-reaction',
    summary: 'React to a message with an emoji (an empty string removes the reaction)',
    tags: ['messages'],
    access: writerRoles,
    query: sessionQuery,
    body: z.object({ messageId: z.string().min(1).max(255), emoji: z.string().max(16) }).strict(),
    response: z.object({ messageId: z.string(), emoji: z.string() }),
    errors: { ...sendErrors, 404: 'No such session or message' },
    async handler(ctx, { query, body }) {
      assertSessionAccess(ctx.state.principal, query.clientId)
      await sessionExists(query.clientId)
      await sender.react(query.clientId, body.messageId, body.emoji)
      return { messageId: body.messageId, emoji: body.emoji }
    },
  })

  api.route({
    method: 'get',
    path: '/messages',
    summary: 'Messages of a session, newest first, optionally of one chat (cursor pagination)',
    tags: ['messages'],
    query: sessionQuery.extend({
      chatId: z.string().min(1).max(128).optional(),
      cursor: z.string().max(600).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(messageView), nextCursor: z.string().nullable() }),
    errors: { 404: 'No such session' },
    async handler(ctx, { query }) {
      assertSessionAccess(ctx.state.principal, query.clientId)
      await sessionExists(query.clientId)
      const chat = query.chatId ? { chatId: normalizeChatId(query.chatId, 'query.chatId') } : {}
      const rows = await orm.em.find(
        Message,
        { $and: [{ sessionId: query.clientId, ...chat }, cursorFilter(query.cursor)] },
        { orderBy: { timestamp: 'desc', id: 'desc' }, limit: query.limit + 1 },
      )
      const page = rows.slice(0, query.limit)
      const last = page.at(-1)
      return { items: page.map(toMessageView), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null }
    },
  })

  api.route({
    method: 'get',
    path: '/messages/:id',
    summary: 'One message with its current ACK',
    description: 'The same message id can exist in two sessions (a group both are in): pass clientId then.',
    tags: ['messages'],
    params: z.object({ id: z.string().min(1).max(255) }),
    query: z.object({ clientId: clientIdSchema.optional() }),
    response: messageView,
    errors: { 404: 'No such message', 409: 'The id exists in several of your sessions; pass clientId' },
    async handler(ctx, { params, query }) {
      const principal = requirePrincipal(ctx.state.principal)
      if (query.clientId) assertSessionAccess(principal, query.clientId)
      const rows = await orm.em.find(Message, { id: params.id, ...(query.clientId ? { sessionId: query.clientId } : {}) }, { limit: 20 })
      const visible = rows.filter((row) => canAccessSession(principal, row.sessionId))
      if (visible.length === 0) throw new NotFoundError('MESSAGE_NOT_FOUND', `message ${params.id}`)
      if (visible.length > 1) throw new ConflictError('MESSAGE_AMBIGUOUS', `message ${params.id} exists in several sessions; pass clientId`, { sessions: visible.map((row) => row.sessionId) })
      return toMessageView(visible[0]!)
    },
  })
}
