import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess, requirePrincipal } from '../../auth/principal.ts'
import { Session } from '../../db/entities/index.ts'
import type { DatabasePlatform } from '../../db/migration.ts'
import { NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import { messagesPerHour } from '../message-stats.ts'

const bucketView = z.object({
  hour: z.string().describe('Start of the hour, ISO 8601 UTC'),
  sent: z.number().int(),
  received: z.number().int(),
  failed: z.number().int().describe('Sent messages that ended with ACK -1 (error); also counted in sent'),
})

/** Traffic figures for the panel's dashboard. */
export function registerStatsRoutes({ api, orm, platform }: { api: ApiRouter; orm: MikroORM; platform: DatabasePlatform }): void {
  api.route({
    method: 'get',
    path: '/stats/messages',
    summary: 'Messages sent, received and failed per hour, over the sessions the caller may see',
    description: 'Exactly `hours` buckets, oldest first, the last one the current hour (UTC hours); hours without messages are zeros. `from` is the start of the first bucket, `to` the end of the last one (exclusive). `clientId` narrows to one session.',
    tags: ['messages'],
    query: z.object({
      hours: z.coerce.number().int().min(1).max(168).default(24),
      clientId: clientIdSchema.optional(),
    }),
    response: z.object({ from: z.string(), to: z.string(), buckets: z.array(bucketView) }),
    errors: { 404: 'No such session' },
    async handler(ctx, { query }) {
      const principal = requirePrincipal(ctx.state.principal)
      let sessionIds: readonly string[]
      if (query.clientId) {
        assertSessionAccess(principal, query.clientId)
        if (!(await orm.em.count(Session, { clientId: query.clientId }))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${query.clientId}`)
        sessionIds = [query.clientId]
      } else {
        // Named even for admins: the (session_id, timestamp) index then serves the query.
        sessionIds = principal.sessions ? [...principal.sessions] : (await orm.em.find(Session, {}, { fields: ['clientId'] })).map((session) => session.clientId)
      }
      return messagesPerHour(orm, platform, sessionIds, query.hours)
    },
  })
}
