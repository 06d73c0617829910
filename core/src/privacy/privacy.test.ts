import type { Knex } from '@mikro-orm/knex'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { SubjectErasure, SubjectExport } from './privacy-types.ts'
import { writePlainPlugin } from './test-support/plain-plugin.ts'
import { tablesMentioning } from './test-support/residue.ts'

const alice = '966501112222' // erased
const bob = '966503334444' // kept

// A third-party CRM keeping notes per contact in its own table and files linked to the contact.
const crmSource = `
export default {
  migrations: [{
    name: '001-notes',
    async up({ knex }) {
      await knex.schema.createTable('crm_notes_notes', (table) => {
        table.increments('id')
        table.string('session_id', 63).notNullable()
        table.string('phone', 32).notNullable()
        table.text('text').notNullable()
      })
    },
  }],
  register(plugin) {
    const sql = (query, params, method) => plugin.db.fork().getConnection().execute(query, params, method)
    plugin.router.post('/notes', async (ctx) => {
      const { sessionId, phone, text } = ctx.request.body
      await sql('insert into crm_notes_notes (session_id, phone, text) values (?, ?, ?)', [sessionId, phone, text], 'run')
      // A person at the CRM takes the chat over (the kernel's chat_owners table).
      await plugin.responders.own(sessionId, phone + '@c.us', { kind: 'agent' })
      // A menu sent to the contact: the kernel keeps it to map the reply to an option.
      await plugin.messages.send(sessionId, { to: phone, list: { body: 'Pick a visit day', sections: [{ rows: [{ id: 'sun', title: 'Sunday' }, { id: 'mon', title: 'Monday' }] }] } })
      const file = await plugin.files.put({ name: 'card-' + phone + '.txt', type: 'text/plain', data: Buffer.from('Card of ' + phone), sessionId, contact: phone })
      ctx.body = { file }
    })
    plugin.privacy.register({
      async export(subject) {
        if (subject.kind !== 'contact') return {}
        return { notes: await sql('select text from crm_notes_notes where session_id = ? and phone = ?', [subject.sessionId, subject.phone]) }
      },
      async erase(subject) {
        if (subject.kind !== 'contact') return {}
        const result = await sql('delete from crm_notes_notes where session_id = ? and phone = ?', [subject.sessionId, subject.phone], 'run')
        return { deleted: { notes: result.affectedRows } }
      },
    })
  },
}
`
const brokenSource = `
export default {
  register(plugin) {
    plugin.privacy.register({
      export() { throw new Error('the CRM is down') },
      erase() { return { deleted: { rows: 'many' } } },
    })
  },
}
`

describe('personal data: export and erase across the kernel and plugins', () => {
  let harness: TestKernel
  let pluginsDir: string

  const exportOf = (subject: unknown) => harness.request<SubjectExport>('POST', '/api/privacy/export', { body: { subject } })
  const eraseOf = (subject: unknown) => harness.request<SubjectErasure>('POST', '/api/privacy/erase', { body: { subject } })
  const inbound = async (from: string, text: string) => expect((await harness.request('POST', '/api/sessions/shop/sandbox/inbound', { body: { from, text } })).status).toBe(201)

  beforeAll(async () => {
    pluginsDir = await mkdtemp(path.join(tmpdir(), 'waqtor-privacy-plugins-'))
    await writePlainPlugin(pluginsDir, { id: 'crm-notes', personalData: true, permissions: ['storage:files', 'messages:send'], contributes: { routes: true } }, crmSource)
    await writePlainPlugin(pluginsDir, { id: 'broken-privacy', personalData: true }, brokenSource)
    await writePlainPlugin(pluginsDir, { id: 'forgetful', personalData: true }, 'export default { register() {} }')
    harness = await createTestKernel({
      builtinPlugins: true,
      pluginDirs: [pluginsDir],
      config: { outboundAllowPrivate: true, sandboxAckDelaysMs: [5, 10, 15, 20] },
      plugins: { webhooks: { retryBaseMs: 20, retryMaxMs: 100, pollIntervalMs: 50, timeoutMs: 500, maxAttempts: 2, leaseMs: 1000 } },
    })
    await harness.createSession('shop')
    const subscribed = await harness.request('POST', '/api/plugins/webhooks/subscriptions', { body: { url: 'http://127.0.0.1:9/hook', events: ['message.received', 'message.sent'] } })
    expect(subscribed.status).toBe(201)

    for (const [phone, text] of [[alice, 'مرحبا، عندكم شقق في حي الملقا؟'], [bob, 'Hi, any villas left?']] as const) {
      await inbound(phone, text)
      const sent = await harness.request('POST', '/api/messages/send-text?clientId=shop', { body: { to: phone, text: `Welcome ${phone}` }, headers: { 'idempotency-key': `welcome-${phone}` } })
      expect(sent.status).toBe(201)
      expect((await harness.request('POST', '/api/plugins/crm-notes/notes', { body: { sessionId: 'shop', phone, text: `Note about ${phone}: wants 3 rooms` } })).status).toBe(200)
    }
    const knex = (harness.kernel.orm.em.fork() as unknown as { getKnex(): Knex }).getKnex()
    // An ACK parked before its message.
    await knex('pending_acks').insert({ session_id: 'shop', message_id: 'early-ack', chat_id: `${alice}@c.us`, ack: 2, received_at: new Date() })
    // Deliveries are written by the webhooks plugin's bus handler: wait until both contacts' are stored.
    for (let attempt = 0; attempt < 500; attempt++) {
      const counts = await Promise.all([alice, bob].map(async (phone) => (await tablesMentioning(harness, phone)).webhooks_deliveries ?? 0))
      if (counts.every((count) => count >= 3)) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })
  afterAll(async () => {
    await harness?.close()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  it("exports a contact's messages, contact row, files and every plugin's data", async () => {
    const exported = await exportOf({ kind: 'contact', sessionId: 'shop', phone: `+${alice}` })
    expect(exported.status).toBe(200)
    const body = exported.body
    expect(body.subject).toEqual({ kind: 'contact', sessionId: 'shop', phone: alice, chatId: `${alice}@c.us` })
    const core = body.core as { contact: { id: string; locale: string }; messages: Array<{ body: string; direction: string }>; pendingAcks: unknown[]; idempotentSends: unknown[]; files: Array<{ pluginId: string }> }
    expect(core.contact).toMatchObject({ id: `${alice}@c.us`, locale: 'ar' })
    expect(core.messages.map((message) => [message.direction, message.body])).toEqual(expect.arrayContaining([['in', 'مرحبا، عندكم شقق في حي الملقا؟'], ['out', `Welcome ${alice}`]]))
    expect(core.pendingAcks).toHaveLength(1)
    expect((body.core as { chatOwners: unknown[] }).chatOwners).toMatchObject([{ pluginId: 'crm-notes', kind: 'agent' }])
    expect(core.idempotentSends).toHaveLength(1)
    expect(core.files.map((file) => file.pluginId)).toEqual(['crm-notes'])
    expect((body.core as { lists: Array<{ pluginId: string; rows: unknown }> }).lists).toMatchObject([{ pluginId: 'crm-notes', rows: [{ id: 'sun', title: 'Sunday' }, { id: 'mon', title: 'Monday' }] }])
    expect(body.plugins['crm-notes']).toEqual({ notes: [{ text: `Note about ${alice}: wants 3 rooms` }] })
    const deliveries = (body.plugins.webhooks as { deliveries: Array<{ event: string; body: { data: { from: string } } }> }).deliveries
    expect(deliveries.map((delivery) => delivery.event).sort()).toEqual(['message.received', 'message.sent', 'message.sent'])
    // Nothing of the other contact leaks into this export.
    expect(JSON.stringify(body)).not.toContain(bob)
    expect(body.failures['broken-privacy']).toMatchObject({ code: 'PRIVACY_EXPORT_FAILED', message: 'the CRM is down' })
    expect(body.unavailable).toEqual(['forgetful'])
  })

  it('erases a contact everywhere, leaving no trace of the number in any table or file, and keeps the others', async () => {
    expect(Object.keys(await tablesMentioning(harness, alice)).sort()).toEqual(expect.arrayContaining(['chat_owners', 'contacts', 'crm_notes_notes', 'files', 'idempotency_keys', 'message_lists', 'messages', 'pending_acks', 'webhooks_deliveries']))
    const filesBefore = await readdir(path.join(harness.dataDir, 'files', 'crm-notes'))
    expect(filesBefore).toHaveLength(2)

    const erased = await eraseOf({ kind: 'contact', sessionId: 'shop', phone: `${alice}@c.us` })
    expect(erased.status).toBe(200)
    expect(erased.body.core.deleted).toMatchObject({ contacts: 1, messages: 3, pendingAcks: 1, idempotentSends: 1, chatOwners: 1, lists: 1, files: 1 })
    expect(erased.body.plugins['crm-notes']).toEqual({ deleted: { notes: 1 } })
    expect(erased.body.plugins.webhooks?.deleted?.deliveries).toBeGreaterThanOrEqual(3)
    expect(erased.body.failures['broken-privacy']?.code).toBe('PRIVACY_ERASE_FAILED')

    expect(await tablesMentioning(harness, alice)).toEqual({})
    expect(await readdir(path.join(harness.dataDir, 'files', 'crm-notes'))).toHaveLength(1)
    const kept = await tablesMentioning(harness, bob)
    expect(kept).toMatchObject({ chat_owners: 1, contacts: 1, messages: 3, message_lists: 1, crm_notes_notes: 1, files: 1, idempotency_keys: 1 })
    expect(kept.webhooks_deliveries).toBeGreaterThanOrEqual(3)
    expect((await harness.request('GET', `/api/contacts/${alice}?clientId=shop`)).status).toBe(404)
  })

  it('exports and erases a panel user: anonymized, logged out, notifications gone', async () => {
    const agent = await harness.createUser('agent', ['shop'])
    await harness.kernel.notifications.notifyUsers([agent.id], { type: 'test.hello', title: 'Welcome aboard', source: 'core' })
    const subscription = await harness.request<{ id: string }>('POST', '/api/plugins/webhooks/subscriptions', { token: agent.token, body: { url: 'http://127.0.0.1:9/agent', events: ['message.received'], sessions: ['shop'] } })
    expect(subscription.status).toBe(201)

    const exported = await exportOf({ kind: 'user', userId: agent.id })
    expect(exported.status).toBe(200)
    expect(exported.body.core).toMatchObject({ user: { id: agent.id, email: agent.email, role: 'agent' }, notifications: [{ title: 'Welcome aboard' }] })
    expect((exported.body.core as { logins: unknown[] }).logins).toHaveLength(1)
    expect(exported.body.plugins.webhooks).toMatchObject({ subscriptionsCreated: [{ id: subscription.body.id, url: 'http://127.0.0.1:9/agent' }] })

    const erased = await eraseOf({ kind: 'user', userId: agent.id })
    expect(erased.status).toBe(200)
    expect(erased.body.core).toMatchObject({ deleted: { loginTokens: 1, notifications: 1 }, anonymized: { users: 1 } })
    expect(erased.body.plugins.webhooks).toEqual({ anonymized: { subscriptions: 1 } })
    expect((await harness.request('GET', '/api/auth/me', { token: agent.token })).status).toBe(401)
    const login = await harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: agent.email, password: agent.password } })
    expect(login.status).toBe(401)
    expect(await tablesMentioning(harness, agent.email)).toEqual({})
    expect((await harness.request<{ name: string; disabled: boolean }>('GET', `/api/users/${agent.id}`)).body).toMatchObject({ name: 'Erased user', disabled: true })
  })

  it('refuses bad subjects naming the field, the last admin, and callers who are not admins', async () => {
    const badPhone = await exportOf({ kind: 'contact', sessionId: 'shop', phone: '12ab' })
    expect(badPhone.status).toBe(400)
    expect((badPhone.body as unknown as { error: { details: Array<{ field: string }> } }).error.details.map((issue) => issue.field)).toEqual(['body.subject.phone'])
    const badKind = await eraseOf({ kind: 'robot' })
    expect(badKind.status).toBe(400)
    expect((await exportOf({ kind: 'user', userId: 'nobody' })).status).toBe(404)

    const me = await harness.request<{ id: string }>('GET', '/api/auth/me')
    const lastAdmin = await eraseOf({ kind: 'user', userId: me.body.id })
    expect(lastAdmin.status).toBe(409)
    expect((lastAdmin.body as unknown as { error: { code: string } }).error.code).toBe('LAST_ADMIN')

    const agent = await harness.createUser('agent', ['shop'])
    expect((await harness.request('POST', '/api/privacy/export', { token: agent.token, body: { subject: { kind: 'contact', sessionId: 'shop', phone: bob } } })).status).toBe(403)
  })
})
