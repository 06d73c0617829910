import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload } from '../bus/define-event.ts'
import { createTestKernel, type TestKernel, type TestResponse } from '../testing/index.ts'
import { contactUpdated } from './contact-events.ts'
import type { ContactView } from './contact-view.ts'

interface ContactPage {
  items: ContactView[]
  nextCursor: string | null
}
interface ErrorBody {
  error: { code: string; details: Array<{ field: string; message: string }> | null }
}

const fieldsOf = (response: TestResponse<unknown>) => ((response.body as ErrorBody).error.details ?? []).map((detail) => detail.field)

describe('contacts', () => {
  let harness: TestKernel
  const updates: Array<EventPayload<typeof contactUpdated>> = []

  beforeAll(async () => {
    harness = await createTestKernel({ config: { sandboxAckDelaysMs: [5, 10, 15, 20] } })
    harness.kernel.bus.on(contactUpdated, (payload) => void updates.push(payload), { id: 'test.contact-updates' })
    await harness.createSession('crm')
    await harness.createSession('other')
    // Oldest activity first: 0001 writes, then 0002, then we write to 0003.
    for (const [from, text] of [['+966500000001', 'hello'], ['966500000002', 'salam'], ['966500000001', 'again']] as const) {
      const inbound = await harness.request('POST', '/api/sessions/crm/sandbox/inbound', { body: { from, text } })
      expect(inbound.status).toBe(201)
    }
    const sent = await harness.request('POST', '/api/messages/send-text?clientId=crm', { body: { to: '+966 50 000 0003', text: 'offer' } })
    expect(sent.status).toBe(201)
    await harness.request('POST', '/api/sessions/other/sandbox/inbound', { body: { from: '966500000009', text: 'elsewhere' } })
  })
  afterAll(async () => {
    await harness.close()
  })

  const list = (query = '', auth: { apiKey?: string } = {}) => harness.request<ContactPage>('GET', `/api/contacts?clientId=crm${query}`, auth)
  const patch = <T = ContactView>(contactId: string, body: unknown, auth: { apiKey?: string } = {}) =>
    harness.request<T>('PATCH', `/api/contacts/${contactId}?clientId=crm`, { body, ...auth })
  const ids = (page: TestResponse<ContactPage>) => page.body.items.map((contact) => contact.id)

  it('creates contacts from traffic, latest activity first, per session', async () => {
    const page = await list()
    expect(page.status).toBe(200)
    expect(ids(page)).toEqual(['966500000003@c.us', '966500000001@c.us', '966500000002@c.us'])
    expect(page.body.items[1]).toMatchObject({ sessionId: 'crm', phone: '966500000001', pushName: 'Sandbox 966500000001', name: null, tags: [], optedOut: false, optedOutAt: null, messagesIn: 2, messagesOut: 0 })
    expect(page.body.items[0]).toMatchObject({ messagesIn: 0, messagesOut: 1 })
    expect(page.body.nextCursor).toBeNull()
  })

  it('pages with a cursor', async () => {
    const first = await list('&limit=2')
    expect(ids(first)).toEqual(['966500000003@c.us', '966500000001@c.us'])
    expect(first.body.nextCursor).not.toBeNull()
    const second = await list(`&limit=2&cursor=${first.body.nextCursor}`)
    expect(ids(second)).toEqual(['966500000002@c.us'])
    expect(second.body.nextCursor).toBeNull()
    const bad = await list('&cursor=garbage')
    expect(bad.status).toBe(400)
    expect(fieldsOf(bad)).toEqual(['query.cursor'])
  })

  it('reads one contact by chat id or phone number', async () => {
    const byChatId = await harness.request<ContactView>('GET', '/api/contacts/966500000002@c.us?clientId=crm')
    expect(byChatId.status).toBe(200)
    expect(byChatId.body).toMatchObject({ id: '966500000002@c.us', messagesIn: 1 })
    const byPhone = await harness.request<ContactView>('GET', '/api/contacts/966500000002?clientId=crm')
    expect(byPhone.body).toEqual(byChatId.body)
    const unknown = await harness.request<ErrorBody>('GET', '/api/contacts/966599999999?clientId=crm')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('CONTACT_NOT_FOUND')
    const elsewhere = await harness.request<ErrorBody>('GET', '/api/contacts/966500000009?clientId=crm')
    expect(elsewhere.status).toBe(404)
  })

  it('renames and searches by name, WhatsApp name or phone digits, case-insensitively', async () => {
    const renamed = await patch('966500000002@c.us', { name: '  Fatima Al-Harbi ' })
    expect(renamed.status).toBe(200)
    expect(renamed.body.name).toBe('Fatima Al-Harbi')
    expect(ids(await list('&search=fatima'))).toEqual(['966500000002@c.us'])
    expect(ids(await list('&search=AL-HAR'))).toEqual(['966500000002@c.us'])
    expect(ids(await list(`&search=${encodeURIComponent('sandbox 966500000001')}`))).toEqual(['966500000001@c.us'])
    expect(ids(await list(`&search=${encodeURIComponent('+966 50 000 0003')}`))).toEqual(['966500000003@c.us'])
    expect(ids(await list('&search=0000'))).toHaveLength(3)
    expect(ids(await list('&search=100%25'))).toEqual([])
    expect(ids(await list('&search=nobody'))).toEqual([])
    expect(ids(await list('&search='))).toHaveLength(3)
  })

  it('sets tags (trimmed, without duplicates) and filters by tag', async () => {
    const tagged = await patch('966500000001', { tags: ['vip', ' buyer ', 'vip'] })
    expect(tagged.status).toBe(200)
    expect(tagged.body.tags).toEqual(['vip', 'buyer'])
    await patch('966500000003', { tags: ['buyer'] })
    expect(ids(await list('&tag=vip'))).toEqual(['966500000001@c.us'])
    expect(ids(await list('&tag=buyer'))).toEqual(['966500000003@c.us', '966500000001@c.us'])
    expect(ids(await list('&tag=buy'))).toEqual([])
    expect(ids(await list('&tag=buyer&search=0003'))).toEqual(['966500000003@c.us'])
  })

  it('records opting out and back in, filters by it, and emits contact.updated with the changes', async () => {
    updates.length = 0
    const out = await patch('966500000002', { optedOut: true })
    expect(out.body.optedOut).toBe(true)
    expect(Date.parse(out.body.optedOutAt ?? '')).not.toBeNaN()
    expect(ids(await list('&optedOut=true'))).toEqual(['966500000002@c.us'])
    expect(ids(await list('&optedOut=false'))).toEqual(['966500000003@c.us', '966500000001@c.us'])
    const again = await patch('966500000002', { optedOut: true })
    expect(again.body.optedOutAt).toBe(out.body.optedOutAt)
    const back = await patch('966500000002', { optedOut: false, name: null })
    expect(back.body).toMatchObject({ optedOut: false, optedOutAt: null, name: null })
    expect((await harness.request<ContactView>('GET', '/api/contacts/966500000002?clientId=crm')).body).toMatchObject({ optedOut: false, name: null })
    await harness.kernel.bus.idle()
    expect(updates).toEqual([
      { sessionId: 'crm', contactId: '966500000002@c.us', changes: { optedOut: true } },
      { sessionId: 'crm', contactId: '966500000002@c.us', changes: { name: null, optedOut: false } },
    ])
  })

  it('answers bad input with 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ tags: Array.from({ length: 51 }, (_, index) => `t${index}`) }, 'body.tags'],
      [{ tags: ['x'.repeat(51)] }, 'body.tags.0'],
      [{ tags: ['ok', '   '] }, 'body.tags.1'],
      [{ name: '' }, 'body.name'],
      [{ optedOut: 'yes' }, 'body.optedOut'],
      [{ nickname: 'x' }, 'body.nickname'],
      [{}, 'body'],
    ]
    for (const [body, field] of cases) {
      const response = await patch<ErrorBody>('966500000001', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(fieldsOf(response), JSON.stringify(body)).toEqual([field])
    }
    const badId = await patch<ErrorBody>('not-a-number', { name: 'x' })
    expect(badId.status).toBe(400)
    expect(fieldsOf(badId)).toEqual(['params.contactId'])
    for (const [query, field] of [['&optedOut=maybe', 'query.optedOut'], ['&limit=0', 'query.limit'], [`&tag=${'t'.repeat(51)}`, 'query.tag']]) {
      const response = await list(query)
      expect(response.status, query).toBe(400)
      expect(fieldsOf(response), query).toEqual([field])
    }
  })

  it('keeps each caller to its sessions and viewers to reading', async () => {
    const agentElsewhere = await harness.createApiKey('agent', ['other'])
    expect((await list('', { apiKey: agentElsewhere.key })).status).toBe(404)
    expect((await harness.request('GET', '/api/contacts/966500000001?clientId=crm', { apiKey: agentElsewhere.key })).status).toBe(404)
    expect((await patch('966500000001', { name: 'x' }, { apiKey: agentElsewhere.key })).status).toBe(404)
    expect((await harness.request<ContactPage>('GET', '/api/contacts?clientId=other', { apiKey: agentElsewhere.key })).body.items.map((contact) => contact.id)).toEqual(['966500000009@c.us'])

    const viewer = await harness.createApiKey('viewer', ['crm'])
    expect((await list('', { apiKey: viewer.key })).status).toBe(200)
    const refused = await patch<ErrorBody>('966500000001', { name: 'Viewer was here' }, { apiKey: viewer.key })
    expect(refused.status).toBe(403)
    expect((await harness.request<ContactView>('GET', '/api/contacts/966500000001?clientId=crm')).body.name).toBeNull()

    const agent = await harness.createApiKey('agent', ['crm'])
    expect((await patch('966500000001', { name: 'Agent edit' }, { apiKey: agent.key })).status).toBe(200)
    expect((await harness.request('GET', '/api/contacts?clientId=missing')).status).toBe(404)
  })
})
