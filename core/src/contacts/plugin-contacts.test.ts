import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callerPluginSource, writePlainPlugin, type CallAnswer } from '../privacy/test-support/plain-plugin.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { ContactView } from './contact-view.ts'

const arabic = '966501110001'
const english = '447700900123'

describe('plugin.contacts and contact locale', () => {
  let harness: TestKernel
  let pluginsDir: string

  const call = async <T = ContactView>(pluginId: string, method: string, ...args: unknown[]) =>
    (await harness.request<CallAnswer<T>>('POST', `/api/plugins/${pluginId}/call`, { body: { api: 'contacts', method, args } })).body
  const inbound = async (from: string, text: string) => {
    const sent = await harness.request('POST', '/api/sessions/shop/sandbox/inbound', { body: { from, text } })
    expect(sent.status).toBe(201)
  }
  const contact = async (phone: string) => (await harness.request<ContactView>('GET', `/api/contacts/${phone}?clientId=shop`)).body

  beforeAll(async () => {
    pluginsDir = await mkdtemp(path.join(tmpdir(), 'waqtor-contacts-plugins-'))
    await writePlainPlugin(pluginsDir, { id: 'crm', permissions: ['contacts:read', 'contacts:write'], contributes: { routes: true } }, callerPluginSource)
    await writePlainPlugin(pluginsDir, { id: 'reader', permissions: ['contacts:read'], contributes: { routes: true } }, callerPluginSource)
    await writePlainPlugin(pluginsDir, { id: 'nosy', permissions: [], contributes: { routes: true } }, callerPluginSource)
    harness = await createTestKernel({ pluginDirs: [pluginsDir] })
    await harness.createSession('shop')
    await inbound(arabic, 'السلام عليكم، ابي اعرف كم سعر الشقة اللي في حي النرجس؟')
    await inbound(english, 'Hello, is the villa still available?')
  })
  afterAll(async () => {
    await harness?.close()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  it('detects the language of inbound texts and shows it in the contact API', async () => {
    expect(await contact(arabic)).toMatchObject({ locale: 'ar', localeSource: 'detected' })
    expect(await contact(english)).toMatchObject({ locale: 'en', localeSource: 'detected' })
    // A thumbs-up says nothing: the language stays.
    await inbound(english, '👍')
    expect((await contact(english)).locale).toBe('en')
    // A detected language follows the contact's latest text.
    await inbound(english, 'شكرا جزيلا')
    expect(await contact(english)).toMatchObject({ locale: 'ar', localeSource: 'detected' })
    await inbound(english, 'Sorry, wrong keyboard. Thanks!')
    expect((await contact(english)).locale).toBe('en')
  })

  it('lets a person set the language over the API; the choice sticks until cleared', async () => {
    const bad = await harness.request<{ error: { details: Array<{ field: string }> } }>('PATCH', `/api/contacts/${arabic}?clientId=shop`, { body: { locale: 'fr' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((issue) => issue.field)).toEqual(['body.locale'])

    const set = await harness.request<ContactView>('PATCH', `/api/contacts/${arabic}?clientId=shop`, { body: { locale: 'en' } })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ locale: 'en', localeSource: 'set' })
    await inbound(arabic, 'طيب متى اقدر اشوفها؟')
    expect(await contact(arabic)).toMatchObject({ locale: 'en', localeSource: 'set' })

    const cleared = await harness.request<ContactView>('PATCH', `/api/contacts/${arabic}?clientId=shop`, { body: { locale: null } })
    expect(cleared.body).toMatchObject({ locale: null, localeSource: null })
    await inbound(arabic, 'تمام')
    expect(await contact(arabic)).toMatchObject({ locale: 'ar', localeSource: 'detected' })

    const docs = await harness.request<{ components: { schemas?: unknown }; paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json')
    expect(JSON.stringify(docs.body.paths['/api/contacts/{contactId}'])).toContain('locale')
  })

  it('reads contacts: get by phone or chat id, find by search and tag', async () => {
    const byPhone = await call('crm', 'get', 'shop', `+${arabic}`)
    expect(byPhone.result).toMatchObject({ id: `${arabic}@c.us`, phone: arabic, locale: 'ar' })
    expect((await call('crm', 'get', 'shop', `${english}@c.us`)).result).toMatchObject({ phone: english })
    expect((await call('crm', 'get', 'shop', '15550000000')).result).toBeNull()

    const found = await call<{ items: ContactView[]; nextCursor: string | null }>('reader', 'find', 'shop', { search: '4477' })
    expect(found.result?.items.map((item) => item.phone)).toEqual([english])
    const page = await call<{ items: ContactView[]; nextCursor: string | null }>('reader', 'find', 'shop', { limit: 1 })
    expect(page.result?.items).toHaveLength(1)
    expect(page.result?.nextCursor).not.toBeNull()
  })

  it('tags, opts out and sets the language, emitting contact.updated with what changed', async () => {
    const tagged = await call('crm', 'tag', 'shop', arabic, ['vip', 'riyadh'])
    expect(tagged.result?.tags).toEqual(['vip', 'riyadh'])
    expect((await call('crm', 'tag', 'shop', arabic, 'vip')).result?.tags).toEqual(['vip', 'riyadh'])
    expect((await call('crm', 'untag', 'shop', arabic, 'riyadh')).result?.tags).toEqual(['vip'])
    const optedOut = await call('crm', 'setOptedOut', 'shop', arabic, true)
    expect(optedOut.result).toMatchObject({ optedOut: true })
    expect(optedOut.result?.optedOutAt).not.toBeNull()
    expect((await call('crm', 'setLocale', 'shop', arabic, 'en')).result).toMatchObject({ locale: 'en', localeSource: 'set' })

    const byTag = await call<{ items: ContactView[] }>('crm', 'find', 'shop', { tag: 'vip', optedOut: true })
    expect(byTag.result?.items.map((item) => item.phone)).toEqual([arabic])
    expect(await contact(arabic)).toMatchObject({ tags: ['vip'], optedOut: true, locale: 'en', localeSource: 'set' })

    // contact.updated is delivered asynchronously: read until the four changes have arrived.
    let changes: Array<Record<string, unknown>> = []
    for (let attempt = 0; attempt < 200 && changes.length < 4; attempt++) {
      const events = await harness.request<{ items: Array<{ contactId: string; changes: Record<string, unknown> }> }>('GET', '/api/plugins/crm/events')
      changes = events.body.items.filter((event) => event.contactId === `${arabic}@c.us`).map((event) => event.changes)
    }
    expect(changes).toEqual(expect.arrayContaining([{ tags: ['vip', 'riyadh'] }, { tags: ['vip'] }, { optedOut: true }, { locale: 'en' }]))
    // Tagging with a tag it already has changed nothing, so it told nobody.
    expect(changes.filter((change) => JSON.stringify(change) === JSON.stringify({ tags: ['vip', 'riyadh'] }))).toHaveLength(1)
  })

  it('refuses calls without the permission, naming it', async () => {
    const write = await call('reader', 'tag', 'shop', arabic, 'x')
    expect(write.error).toMatchObject({ code: 'PLUGIN_PERMISSION_MISSING', details: { permission: 'contacts:write' } })
    expect(write.error?.message).toContain('reader')
    expect((await call('reader', 'setLocale', 'shop', arabic, 'ar')).error?.details).toEqual({ permission: 'contacts:write' })
    const read = await call('nosy', 'get', 'shop', arabic)
    expect(read.error).toMatchObject({ code: 'PLUGIN_PERMISSION_MISSING', details: { permission: 'contacts:read' } })
    expect((await call('nosy', 'find', 'shop')).error?.code).toBe('PLUGIN_PERMISSION_MISSING')
  })

  it('names the bad argument, and answers an unknown contact with CONTACT_NOT_FOUND', async () => {
    const badPhone = await call('crm', 'tag', 'shop', 'not-a-phone', 'x')
    expect(badPhone.error).toMatchObject({ code: 'CONTACTS_INPUT_INVALID', details: [{ field: 'contact' }] })
    expect((await call('crm', 'setLocale', 'shop', arabic, 'fr')).error).toMatchObject({ code: 'CONTACTS_INPUT_INVALID', details: [{ field: 'locale' }] })
    expect((await call('crm', 'find', 'shop', { limit: 0 })).error).toMatchObject({ code: 'CONTACTS_INPUT_INVALID', details: [{ field: 'query.limit' }] })
    expect((await call('crm', 'tag', 'shop', arabic, [])).error?.code).toBe('CONTACTS_INPUT_INVALID')
    expect((await call('crm', 'tag', 'shop', '15550000000', 'x')).error?.code).toBe('CONTACT_NOT_FOUND')
  })
})
