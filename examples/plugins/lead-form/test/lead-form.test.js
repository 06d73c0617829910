// The lead form's tests, written as its author would outside the WaQtor repository: plain
// JavaScript, vitest, and the harness of the published @waqtor/core package. They run on SQLite,
// and on PostgreSQL when WAQTOR_TEST_DATABASE_URL is set (`npm run test:postgres` in WaQtor).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel } from '@waqtor/core/testing'

const here = path.dirname(fileURLToPath(import.meta.url))
const pluginDir = path.resolve(here, '..')
const echoBotDir = path.join(here, 'fixtures', 'echo-bot')
const minutes = (count) => count * 60_000

describe('lead-form', () => {
  let harness
  const captured = []

  const enable = async (sessionId) => {
    for (const plugin of ['lead-form', 'echo-bot']) {
      const switched = await harness.request('PUT', `/api/sessions/${sessionId}/plugins/${plugin}`, { body: { enabled: true } })
      expect(switched.status).toBe(200)
    }
  }
  const listenForLeads = () => harness.kernel.bus.on({ name: 'lead-form.lead.captured' }, (lead) => void captured.push(lead), { id: 'test.captured' })

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [pluginDir, echoBotDir], manualClock: true })
    await harness.createSession('shop')
    await enable('shop')
    listenForLeads()
  })
  afterAll(async () => {
    await harness?.close()
  })

  /** A contact writes; resolves to the text of the next message sent back to them. */
  const say = async (contact, text, sessionId = 'shop') => {
    await harness.inbound(sessionId, contact, text)
    return (await harness.waitForReply(sessionId, contact)).body
  }
  const leadsOf = async (sessionId, options) => harness.request('GET', `/api/plugins/lead-form/leads?clientId=${sessionId}`, options)
  const exportOf = async (sessionId, phone) => {
    const exported = await harness.request('POST', '/api/privacy/export', { body: { subject: { kind: 'contact', sessionId, phone } } })
    expect(exported.status).toBe(200)
    return exported.body.plugins['lead-form']
  }
  /** Messages the session sent to a contact so far (stored, so a restart or a held clock does not matter). */
  const sentTo = async (contact, sessionId = 'shop') => {
    const chatId = `${contact.replace('+', '')}@c.us`
    const page = await harness.request('GET', `/api/messages?clientId=${sessionId}&limit=100`)
    expect(page.status).toBe(200)
    return page.body.items.filter((message) => message.fromMe && message.chatId === chatId)
  }

  it('starts as a session-scoped plugin with its responder at priority 300 and its public event', async () => {
    const plugins = await harness.request('GET', '/api/plugins')
    const leadForm = plugins.body.items.find((plugin) => plugin.id === 'lead-form')
    expect(leadForm).toMatchObject({ status: 'started', scope: 'session' })
    expect(leadForm.contributes.responders).toEqual([expect.objectContaining({ id: 'form', priority: 300 })])
    expect(leadForm.contributes.events).toEqual([expect.objectContaining({ name: 'lead-form.lead.captured', public: true })])
    expect(leadForm.adminModule).toEqual({ entry: '/plugin-ui/lead-form/index.js' })
  })

  it('runs the whole form in Saudi Arabic, owns the chat so the bot stays quiet, and keeps the lead', async () => {
    const contact = '+966501110001'
    expect(await say(contact, 'السلام عليكم ابغى شقة')).toBe('حياك الله! 🏠 بنسجّل طلبك في ثلاث أسئلة سريعة.\nوش اسمك الكريم؟')
    // The echo bot (priority 400) would answer "bot: …" to anything nobody owns: every reply
    // below comes from the form, in order, so the bot stayed quiet.
    expect(await say(contact, '١٢')).toBe('معليش ما وصلني الاسم 🙏 اكتب اسمك لو سمحت.')
    expect(await say(contact, 'محمد العتيبي')).toBe('تشرفنا يا محمد العتيبي 🌹\nكم ميزانيتك تقريبًا بالريال؟ (مثلًا: ٨٠٠ ألف)')
    expect(await say(contact, 'ما أدري والله')).toBe('معليش، اكتب الميزانية رقم لو سمحت، مثل ٨٠٠٠٠٠ أو ٨٠٠ ألف.')
    expect(await say(contact, '٣٠٠')).toBe('معليش، اكتب الميزانية رقم لو سمحت، مثل ٨٠٠٠٠٠ أو ٨٠٠ ألف.')
    const list = await say(contact, 'تقريبا ٣٠٠ الف')
    expect(list).toContain('أبشر! وأي حي تفضّل؟')
    expect(list).toContain('1. النرجس')
    expect(list).toContain('2. الملقا')
    expect(list).toContain('_للاختيار، أرسل رقم الخيار._')
    // "٢" chooses the second option: the kernel maps it to message.listReply.
    expect(await say(contact, '٢')).toBe(
      'الله يعطيك العافية يا محمد العتيبي! ✅ سجّلنا طلبك: ميزانية ٣٠٠٬٠٠٠ ريال في حي الملقا. بيتواصل معك أحد مستشارينا قريب إن شاء الله.',
    )
    // The chat is free again: the bot answers the next message.
    expect(await say(contact, 'شكرا')).toBe('bot: شكرا')

    const leads = await leadsOf('shop')
    expect(leads.status).toBe(200)
    const lead = leads.body.items.find((item) => item.phone === '966501110001')
    expect(lead).toEqual({
      id: expect.any(String),
      sessionId: 'shop',
      chatId: '966501110001@c.us',
      phone: '966501110001',
      name: 'محمد العتيبي',
      budget: 300_000,
      districtId: 'al-malqa',
      district: 'الملقا',
      locale: 'ar',
      createdAt: new Date(harness.clock.now()).toISOString(),
    })
    await harness.kernel.bus.idle()
    expect(captured).toContainEqual(lead)
    const metrics = await harness.request('GET', '/metrics')
    expect(metrics.body).toMatch(/^waqtor_lead_form_leads_captured_total\{locale="ar"\} 1$/m)
    const contact1 = await harness.request('GET', `/api/contacts?clientId=shop&search=966501110001`)
    expect(contact1.body.items[0].tags).toContain('lead')
  })

  it('runs the form in English, reading "1.2m", a district by name and a district it does not list', async () => {
    const contact = '+966501110002'
    expect(await say(contact, 'Hi, I am looking for a property')).toBe('Welcome! 🏠 Three quick questions and your request is in.\nWhat is your name?')
    expect(await say(contact, 'Sarah Johnson')).toBe('Nice to meet you, Sarah Johnson!\nWhat is your budget, roughly, in riyals? (e.g. 800,000 or 800k)')
    const list = await say(contact, 'about 1.2m SAR')
    expect(list).toContain('Great! Which district do you prefer?')
    expect(list).toContain('4. Hittin')
    expect(list).toContain('_Reply with the number of your choice._')
    expect(await say(contact, 'hittin')).toBe('Thank you, Sarah Johnson! ✅ Your request is in: a budget of SAR 1,200,000 in Hittin. One of our advisers will contact you soon.')

    const other = '+966501110003'
    await say(other, 'lead')
    await say(other, 'Omar')
    await say(other, '850,000')
    expect(await say(other, '  Qurtubah ')).toBe('Thank you, Omar! ✅ Your request is in: a budget of SAR 850,000 in Qurtubah. One of our advisers will contact you soon.')
    const items = (await leadsOf('shop')).body.items
    expect(items.find((item) => item.phone === '966501110002')).toMatchObject({ name: 'Sarah Johnson', budget: 1_200_000, districtId: 'hittin', district: 'Hittin', locale: 'en' })
    expect(items.find((item) => item.phone === '966501110003')).toMatchObject({ name: 'Omar', budget: 850_000, districtId: null, district: 'Qurtubah', locale: 'en' })
  })

  it('maps a list reply given as the option title, and offers the districts configured for the session', async () => {
    const settings = { districts: [{ id: 'north', ar: 'شمال الرياض', en: 'North Riyadh' }, { id: 'east', ar: 'شرق الرياض', en: 'East Riyadh' }] }
    expect((await harness.request('PUT', '/api/sessions/shop/plugins/lead-form', { body: { enabled: true, settings } })).status).toBe(200)
    try {
      const contact = '+966501110004'
      await say(contact, 'عقار')
      await say(contact, 'نورة')
      const list = await say(contact, '2 مليون')
      expect(list).toContain('1. شمال الرياض')
      expect(list).toContain('2. شرق الرياض')
      expect(list).not.toContain('النرجس')
      expect(await say(contact, 'شرق الرياض')).toContain('ميزانية ٢٬٠٠٠٬٠٠٠ ريال في حي شرق الرياض')
      const lead = (await leadsOf('shop')).body.items.find((item) => item.phone === '966501110004')
      expect(lead).toMatchObject({ districtId: 'east', district: 'شرق الرياض', budget: 2_000_000 })
    } finally {
      await harness.request('PUT', '/api/sessions/shop/plugins/lead-form', { body: { enabled: true, settings: {} } })
    }
  })

  it('ends the form on a cancel word without keeping a lead, and gives the chat back', async () => {
    const contact = '+966501110005'
    await say(contact, 'ابغى شقة')
    expect(await say(contact, 'إلغاء')).toBe('تم، ألغينا الطلب. إذا احتجت شي إحنا حاضرين 🌷')
    expect(await say(contact, 'hello')).toBe('bot: hello')
    expect((await leadsOf('shop')).body.items.map((item) => item.phone)).not.toContain('966501110005')
  })

  it('pushes each new lead to the panel namespace /plugins/lead-form, to subscribers of that session', async () => {
    const socket = io(`${harness.url}/plugins/lead-form`, { auth: { token: harness.admin.token }, transports: ['websocket'], forceNew: true, reconnection: false })
    try {
      await new Promise((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      expect(await socket.timeout(10_000).emitWithAck('subscribe', { topics: ['leads'], sessionId: 'shop' })).toEqual({ ok: true })
      const pushed = new Promise((resolve) => socket.once('lead-form.lead.captured', resolve))
      const contact = '+966501110006'
      await say(contact, 'lead')
      await say(contact, 'Lina')
      await say(contact, '700k')
      await say(contact, '1')
      expect(await pushed).toMatchObject({ sessionId: 'shop', phone: '966501110006', name: 'Lina', budget: 700_000, districtId: 'al-narjis', district: 'Al Narjis' })
    } finally {
      socket.disconnect()
    }
  })

  it('reminds a silent contact once, after the configured minutes, and not when they answered in time', async () => {
    const contact = '+966501110007'
    const reminders = async () => (await harness.request('GET', '/api/jobs?plugin=lead-form&name=remind&limit=100')).body.items
    const earlier = new Set((await reminders()).map((job) => job.id))
    await say(contact, 'lead')
    await harness.clock.advance(minutes(10))
    // Answered before the 15 minutes: the reminder of the name question is cancelled.
    expect(await say(contact, 'Faisal')).toContain('What is your budget')
    await harness.clock.advance(minutes(10))
    expect((await sentTo(contact)).map((message) => message.body)).toHaveLength(2)

    const reminder = harness.waitForReply('shop', contact)
    await harness.clock.advance(minutes(5)) // 15 minutes since the budget question
    expect((await reminder).body).toBe('Still there? 🙂 What is your budget, roughly, in riyals?')
    await harness.clock.advance(minutes(60)) // one reminder only
    expect(await sentTo(contact)).toHaveLength(3)

    const jobs = await reminders()
    expect(jobs.filter((job) => !earlier.has(job.id)).map((job) => job.status).sort()).toEqual(['cancelled', 'completed'])
    // Finished jobs stay listed for days: their payloads name no one.
    expect(JSON.stringify(jobs)).not.toContain('966501110007')

    // Still the same form: the contact carries on after the reminder.
    expect(await say(contact, '900 thousand')).toContain('Which district do you prefer?')
  })

  it('gives the chat back when the form lapses, so the bot answers again, and drops the lapsed form', async () => {
    const contact = '+966501110008'
    await say(contact, 'lead')
    expect((await exportOf('shop', contact)).conversations).toEqual([expect.objectContaining({ step: 'name' })])
    // formTimeoutMinutes is 120; the hourly clean-up runs within the hour after that.
    await harness.clock.advance(minutes(180))
    expect((await harness.waitForReply('shop', contact)).body).toBe('Still there? 🙂 What is your name?') // at 15 minutes
    expect((await exportOf('shop', contact)).conversations).toEqual([])
    expect(await say(contact, 'Khalid')).toBe('bot: Khalid')
  })

  it('frees a chat it owns without a form (a crash between its two writes) at the next message', async () => {
    const contact = '+966501110012'
    await say(contact, 'lead')
    // What a crash right after own() and before the form's row was written leaves behind.
    await harness.kernel.orm.em.fork().getKnex()('lead_form_conversations').where({ chat_id: '966501110012@c.us' }).delete()
    expect(await say(contact, 'hello')).toBe('bot: hello')
  })

  it('continues a form after a restart: its state is in the database', async () => {
    const contact = '+966501110009'
    await say(contact, 'ابغى شقة')
    expect(await say(contact, 'عبدالله')).toContain('كم ميزانيتك')

    harness = await harness.restart()
    listenForLeads()

    expect(await say(contact, '٩٥٠ ألف')).toContain('أي حي تفضّل')
    expect(await say(contact, '3')).toContain('يا عبدالله! ✅ سجّلنا طلبك: ميزانية ٩٥٠٬٠٠٠ ريال في حي الياسمين')
    const lead = (await leadsOf('shop')).body.items.find((item) => item.phone === '966501110009')
    expect(lead).toMatchObject({ name: 'عبدالله', budget: 950_000, districtId: 'al-yasmin' })
  })

  it('exports and erases a contact\'s leads and unfinished form', async () => {
    const contact = '+966501110010'
    await say(contact, 'lead')
    await say(contact, 'Hessa')
    await say(contact, '400k')
    await say(contact, '5')
    await say(contact, 'lead again') // a second form, left half way
    await say(contact, 'Hessa')

    const before = await exportOf('shop', contact)
    expect(before.leads).toEqual([expect.objectContaining({ name: 'Hessa', budget: 400_000, districtId: 'al-olaya' })])
    expect(before.conversations).toEqual([expect.objectContaining({ step: 'budget', name: 'Hessa', locale: 'en' })])

    const erased = await harness.request('POST', '/api/privacy/erase', { body: { subject: { kind: 'contact', sessionId: 'shop', phone: contact } } })
    expect(erased.status).toBe(200)
    expect(erased.body.plugins['lead-form']).toEqual({ deleted: { leads: 1, conversations: 1 } })
    expect(await exportOf('shop', contact)).toEqual({ leads: [], conversations: [] })
    expect((await leadsOf('shop')).body.items.map((item) => item.phone)).not.toContain('966501110010')
    // The chat is free at once, and the form that was waiting for a budget is gone with its reminder.
    expect(await say(contact, 'hello')).toBe('bot: hello')
    await harness.clock.advance(minutes(30))
    expect((await sentTo(contact)).map((message) => message.body)).toEqual(['bot: hello'])
  })

  it('removes its rows when a session is deleted', async () => {
    await harness.createSession('branch')
    await enable('branch')
    const contact = '+966501110011'
    await say(contact, 'lead', 'branch')
    await say(contact, 'Reem', 'branch')
    await say(contact, '600k', 'branch')
    await say(contact, '1', 'branch')
    await say(contact, 'lead', 'branch')
    const before = await exportOf('branch', contact)
    expect([before.leads.length, before.conversations.length]).toEqual([1, 1])

    expect((await harness.request('DELETE', '/api/sessions/branch')).status).toBe(204)
    expect(await exportOf('branch', contact)).toEqual({ leads: [], conversations: [] })
    await harness.createSession('branch')
    expect((await leadsOf('branch')).body.items).toEqual([])
    expect((await leadsOf('shop')).body.items.length).toBeGreaterThan(0)
  })

  it('checks who may read and delete leads', async () => {
    expect((await harness.request('GET', '/api/plugins/lead-form/leads')).body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'query.clientId' })]),
    )
    expect((await leadsOf('nowhere')).status).toBe(404)
    const otherSession = await harness.createApiKey('viewer', ['branch'])
    const refused = await leadsOf('shop', { apiKey: otherSession.key })
    expect([refused.status, refused.body.error.code]).toEqual([404, 'SESSION_NOT_FOUND'])

    const [lead] = (await leadsOf('shop')).body.items
    const viewer = await harness.createApiKey('viewer', ['shop'])
    expect((await harness.request('DELETE', `/api/plugins/lead-form/leads/${lead.id}`, { apiKey: viewer.key })).status).toBe(403)
    const agentElsewhere = await harness.createApiKey('agent', ['branch'])
    expect((await harness.request('DELETE', `/api/plugins/lead-form/leads/${lead.id}`, { apiKey: agentElsewhere.key })).status).toBe(404)
    expect((await harness.request('DELETE', `/api/plugins/lead-form/leads/${lead.id}`)).status).toBe(204)
    expect((await leadsOf('shop')).body.items.map((item) => item.id)).not.toContain(lead.id)
  })
})
