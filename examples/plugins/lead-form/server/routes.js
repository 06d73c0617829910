// GET /api/plugins/lead-form/leads?clientId=shop and DELETE /api/plugins/lead-form/leads/:id,
// described with zod so they are validated and listed in /api/openapi.json.
import { assertSessionAccess, canAccessSession, NotFoundError, z } from '@waqtor/core'

const leadSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  chatId: z.string(),
  phone: z.string(),
  name: z.string(),
  budget: z.number(),
  districtId: z.string().nullable(),
  district: z.string(),
  locale: z.enum(['ar', 'en']),
  createdAt: z.string(),
})

export function registerRoutes(plugin, store) {
  plugin.api.route({
    method: 'get',
    path: '/leads',
    summary: 'Leads the form captured on a session, newest first',
    query: z.object({
      clientId: z.string().min(1).max(63),
      limit: z.coerce.number().int().min(1).max(200).default(100),
    }),
    response: z.object({ sessionId: z.string(), enabled: z.boolean(), items: z.array(leadSchema) }),
    async handler(ctx, { query }) {
      // A session the caller is not granted answers like an unknown one: 404 SESSION_NOT_FOUND.
      assertSessionAccess(ctx.state.principal, query.clientId)
      if (!(await plugin.sessions.exists(query.clientId))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${query.clientId}`)
      return { sessionId: query.clientId, enabled: plugin.isEnabledFor(query.clientId), items: await store.leads(query.clientId, query.limit) }
    },
  })

  plugin.api.route({
    method: 'delete',
    path: '/leads/:id',
    summary: 'Deletes one lead',
    access: ['admin', 'agent'],
    status: 204,
    params: z.object({ id: z.string().min(1).max(36) }),
    async handler(ctx, { params }) {
      const lead = await store.lead(params.id)
      // Someone else's lead is as unknown as a missing one.
      if (!lead || !canAccessSession(ctx.state.principal, lead.sessionId)) throw new NotFoundError('LEAD_FORM_LEAD_NOT_FOUND', `lead ${params.id}`)
      await store.deleteLead(lead.id)
      plugin.io.emit('leads', 'lead-form.lead.deleted', { sessionId: lead.sessionId, id: lead.id })
    },
  })
}
