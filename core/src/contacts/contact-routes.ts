import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { clientIdSchema } from '../auth/auth-schemas.ts'
import { assertSessionAccess, writerRoles } from '../auth/principal.ts'
import type { EventBus } from '../bus/event-bus.ts'
import { Contact, Session } from '../db/entities/index.ts'
import { contactLocales } from '../db/entities/contact.ts'
import type { DatabasePlatform } from '../db/migration.ts'
import { InputError, NotFoundError } from '../errors/app-error.ts'
import type { ApiContext } from '../http/api-context.ts'
import type { ApiRouter } from '../http/api-router.ts'
import { contactUpdated } from './contact-events.ts'
import { contactIdOf } from './contact-id.ts'
import { applyContactPatch } from './contact-patch.ts'
import { listContacts } from './contact-query.ts'
import { contactView, toContactView } from './contact-view.ts'

const sessionQuery = z.object({ clientId: clientIdSchema })
const contactParams = z.object({ contactId: z.string().min(1).max(128).describe('`<digits>@c.us`, or the phone number') })
/** `?search=` with nothing after it is no filter, as in most search boxes. */
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((value) => value || undefined)

const contactPatch = z
  .object({
    name: z.string().trim().min(1).max(200).nullable().optional().describe('null clears it'),
    tags: z.array(z.string().trim().min(1).max(50)).max(50).optional().describe('Replaces the tags; duplicates are dropped'),
    optedOut: z.boolean().optional().describe('true records optedOutAt; false clears it'),
    locale: z.enum(contactLocales).nullable().optional().describe("'ar' or 'en': the contact's language, kept over detection; null clears it and detection resumes"),
  })
  .strict()

export interface ContactRouteOptions {
  api: ApiRouter
  orm: MikroORM
  bus: EventBus
  platform: DatabasePlatform
}

/** Contacts of a session, created from its traffic: list and search, read, and edit name, tags and opt-out. */
export function registerContactRoutes({ api, orm, bus, platform }: ContactRouteOptions): void {
  const checkSession = async (ctx: ApiContext, clientId: string) => {
    assertSessionAccess(ctx.state.principal, clientId)
    if (!(await orm.em.count(Session, { clientId }))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${clientId}`)
  }
  const findContact = async (clientId: string, rawId: string) => {
    const id = contactIdOf(rawId, 'params.contactId')
    const contact = await orm.em.findOne(Contact, { sessionId: clientId, id })
    if (!contact) throw new NotFoundError('CONTACT_NOT_FOUND', `contact ${id} in session ${clientId}`)
    return contact
  }

  api.route({
    method: 'get',
    path: '/contacts',
    summary: 'Contacts of a session, latest activity first (search, tag and opt-out filters, cursor pagination)',
    tags: ['contacts'],
    query: sessionQuery.extend({
      search: optionalText(100).describe('Part of the name, the WhatsApp name (case-insensitive) or the phone number'),
      tag: optionalText(50).describe('Only contacts with this tag'),
      optedOut: z.enum(['true', 'false']).optional().transform((value) => (value === undefined ? undefined : value === 'true')),
      cursor: z.string().max(600).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(contactView), nextCursor: z.string().nullable() }),
    errors: { 404: 'No such session' },
    async handler(ctx, { query }) {
      await checkSession(ctx, query.clientId)
      const page = await listContacts(orm, platform, { ...query, sessionId: query.clientId })
      return { items: page.items.map(toContactView), nextCursor: page.nextCursor }
    },
  })

  api.route({
    method: 'get',
    path: '/contacts/:contactId',
    summary: 'One contact of a session',
    tags: ['contacts'],
    params: contactParams,
    query: sessionQuery,
    response: contactView,
    errors: { 404: 'No such session or contact' },
    async handler(ctx, { params, query }) {
      await checkSession(ctx, query.clientId)
      return toContactView(await findContact(query.clientId, params.contactId))
    },
  })

  api.route({
    method: 'patch',
    path: '/contacts/:contactId',
    summary: "Edit a contact's name, tags, opt-out or language",
    description: 'Give at least one field. Emits `contact.updated` with the fields that changed.',
    tags: ['contacts'],
    access: writerRoles,
    params: contactParams,
    query: sessionQuery,
    body: contactPatch,
    response: contactView,
    errors: { 404: 'No such session or contact' },
    async handler(ctx, { params, query, body }) {
      await checkSession(ctx, query.clientId)
      if (Object.keys(body).length === 0) throw InputError.fields([{ field: 'body', message: 'give at least one of name, tags, optedOut, locale' }])
      const contact = await findContact(query.clientId, params.contactId)
      const changes = applyContactPatch(contact, body, new Date())
      if (Object.keys(changes).length === 0) return toContactView(contact)
      await orm.em.flush()
      await bus.emit(contactUpdated, { sessionId: query.clientId, contactId: contact.id, changes })
      return toContactView(contact)
    },
  })
}
