import { z } from 'zod'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess } from '../../auth/principal.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import { governorSettingsView } from './governor-settings.ts'
import type { SendingGovernor } from './sending-governor.ts'

export const governorStatusView = z.object({
  sessionId: z.string(),
  settings: governorSettingsView,
  queued: z.number().int(),
  sending: z.boolean(),
  sentLastMinute: z.number().int(),
  nextSendAt: z.string(),
  waitingUntil: z.string().nullable(),
})

export function registerGovernorRoutes({ api, governor, assertSession }: { api: ApiRouter; governor: SendingGovernor; assertSession: (clientId: string) => Promise<void> }): void {
  api.route({
    method: 'get',
    path: '/sessions/:clientId/governor',
    summary: 'The session\'s sending governor: settings in force, plugin sends queued, sent in the last minute, next slot',
    description: 'Paces what plugins send (bots, campaigns); sends through the HTTP API are not paced by it. Set per session with PATCH /api/sessions/:clientId { governor }.',
    tags: ['sessions'],
    params: z.object({ clientId: clientIdSchema }),
    response: governorStatusView,
    errors: { 404: 'No such session' },
    async handler(ctx, { params }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      await assertSession(params.clientId)
      return governor.status(params.clientId)
    },
  })
}
