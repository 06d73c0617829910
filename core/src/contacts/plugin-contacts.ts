import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import type { EventBus } from '../bus/event-bus.ts'
import { Contact } from '../db/entities/index.ts'
import { contactLocales, type ContactLocale } from '../db/entities/contact.ts'
import type { DatabasePlatform } from '../db/migration.ts'
import { AppError, NotFoundError } from '../errors/app-error.ts'
import { toFieldIssues } from '../http/zod-issues.ts'
import type { Logger } from '../logging/create-logger.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginManifest, PluginPermission } from '../plugins/plugin-manifest.ts'
import { contactUpdated } from './contact-events.ts'
import { contactIdOf } from './contact-id.ts'
import { applyContactPatch, type ContactPatch } from './contact-patch.ts'
import { listContacts } from './contact-query.ts'
import { toContactView, type ContactView } from './contact-view.ts'

export interface PluginContactQuery {
  /** Part of the name, the WhatsApp name (case-insensitive) or the phone number. */
  search?: string
  tag?: string
  optedOut?: boolean
  /** A `nextCursor` from the previous page. */
  cursor?: string
  /** 1-200, 50 by default. */
  limit?: number
}

/**
 * `plugin.contacts`: a session's contacts. Reading needs `contacts:read`, changing needs
 * `contacts:write`. A contact is named by its phone number (`+` allowed) or chat id `<digits>@c.us`.
 * Changes emit `contact.updated` with what changed, as edits in the panel do.
 */
export interface PluginContacts {
  get(sessionId: string, contact: string): Promise<ContactView | null>
  find(sessionId: string, query?: PluginContactQuery): Promise<{ items: ContactView[]; nextCursor: string | null }>
  tag(sessionId: string, contact: string, tags: string | string[]): Promise<ContactView>
  untag(sessionId: string, contact: string, tags: string | string[]): Promise<ContactView>
  setOptedOut(sessionId: string, contact: string, optedOut: boolean): Promise<ContactView>
  /** 'ar' or 'en' sticks over detection; null clears it and detection from messages resumes. */
  setLocale(sessionId: string, contact: string, locale: ContactLocale | null): Promise<ContactView>
}

export interface PluginContactsRuntime {
  orm: MikroORM
  bus: EventBus
  platform: DatabasePlatform
  logger: Logger
}

const sessionIdSchema = z.string().min(1).max(63)
const tagsSchema = z.union([z.string().trim().min(1).max(50), z.array(z.string().trim().min(1).max(50)).min(1).max(50)])
const querySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    tag: z.string().trim().min(1).max(50).optional(),
    optedOut: z.boolean().optional(),
    cursor: z.string().max(600).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()

export function createPluginContacts(pluginId: string, manifest: PluginManifest, runtime: PluginContactsRuntime): PluginContacts {
  const require = (permission: PluginPermission, what: string) => {
    if (manifest.permissions?.includes(permission)) return
    throw new PluginError('PLUGIN_PERMISSION_MISSING', pluginId, `cannot ${what} without the "${permission}" permission: add it to "permissions" in its plugin.json`, { permission })
  }
  const parse = <T>(schema: z.ZodType<T>, value: unknown, field: string, method: string): T => {
    const parsed = schema.safeParse(value, { reportInput: true })
    if (parsed.success) return parsed.data
    const issues = toFieldIssues(parsed.error.issues, field)
    throw new PluginError('CONTACTS_INPUT_INVALID', pluginId, `contacts.${method}() got invalid input: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`, issues.map((issue) => ({ ...issue })))
  }
  const idOf = (contact: unknown, method: string): string => {
    if (typeof contact !== 'string') return parse(z.string(), contact, 'contact', method)
    try {
      return contactIdOf(contact, 'contact')
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      throw new PluginError('CONTACTS_INPUT_INVALID', pluginId, `contacts.${method}(): contact must be a phone number (7-15 digits) or a chat id ending in @c.us`, [{ field: 'contact', message: 'must be a phone number in international format (7-15 digits) or a contact id ending in @c.us' }])
    }
  }

  const change = async (sessionId: string, contact: string, method: string, patchOf: (current: Contact) => ContactPatch): Promise<ContactView> => {
    require('contacts:write', 'change contacts')
    parse(sessionIdSchema, sessionId, 'sessionId', method)
    const id = idOf(contact, method)
    const em = runtime.orm.em.fork()
    const row = await em.findOne(Contact, { sessionId, id })
    if (!row) throw new NotFoundError('CONTACT_NOT_FOUND', `contact ${id} in session ${sessionId}`)
    const changes = applyContactPatch(row, patchOf(row), new Date())
    if (Object.keys(changes).length > 0) {
      await em.flush()
      // Not awaited: plugins call this from bus handlers, where waiting on a full bus would stall.
      runtime.bus.emit(contactUpdated, { sessionId, contactId: id, changes }).catch((error: unknown) => runtime.logger.error({ err: error, plugin: pluginId }, 'contact.updated could not be emitted'))
    }
    return toContactView(row)
  }
  const tagList = (tags: unknown, method: string) => {
    require('contacts:write', 'change contacts')
    const parsed = parse(tagsSchema, tags, 'tags', method)
    return typeof parsed === 'string' ? [parsed] : parsed
  }

  return {
    async get(sessionId, contact) {
      require('contacts:read', 'read contacts')
      parse(sessionIdSchema, sessionId, 'sessionId', 'get')
      const row = await runtime.orm.em.fork().findOne(Contact, { sessionId, id: idOf(contact, 'get') })
      return row ? toContactView(row) : null
    },
    async find(sessionId, query = {}) {
      require('contacts:read', 'read contacts')
      parse(sessionIdSchema, sessionId, 'sessionId', 'find')
      const checked = parse(querySchema, query, 'query', 'find')
      const page = await listContacts(runtime.orm, runtime.platform, { ...checked, search: checked.search || undefined, sessionId })
      return { items: page.items.map(toContactView), nextCursor: page.nextCursor }
    },
    tag(sessionId, contact, tags) {
      const added = tagList(tags, 'tag')
      return change(sessionId, contact, 'tag', (row) => ({ tags: [...row.tags, ...added] }))
    },
    untag(sessionId, contact, tags) {
      const removed = new Set(tagList(tags, 'untag'))
      return change(sessionId, contact, 'untag', (row) => ({ tags: row.tags.filter((tag) => !removed.has(tag)) }))
    },
    setOptedOut(sessionId, contact, optedOut) {
      require('contacts:write', 'change contacts')
      const value = parse(z.boolean(), optedOut, 'optedOut', 'setOptedOut')
      return change(sessionId, contact, 'setOptedOut', () => ({ optedOut: value }))
    },
    setLocale(sessionId, contact, locale) {
      require('contacts:write', 'change contacts')
      const value = parse(z.enum(contactLocales).nullable(), locale, 'locale', 'setLocale')
      return change(sessionId, contact, 'setLocale', () => ({ locale: value }))
    },
  }
}
