import type { SqlEntityManager } from '@mikro-orm/knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { respondersFixture } from './test-fixtures/fixture-paths.ts'

const customer = '+966500000077'

// The plain-JavaScript example of docs/plugin-api/responders.md, as a third party would run it.
describe('a form that owns the chat while it asks its questions', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [respondersFixture('form')] })
    await harness.createSession('shop')
    expect((await harness.request('PUT', '/api/sessions/shop/plugins/lead-form', { body: { enabled: true } })).status).toBe(200)
  })
  afterAll(async () => {
    await harness.close()
  })

  const owners = () => (harness.kernel.orm.em.fork() as SqlEntityManager).getKnex()('chat_owners').select('plugin_id', 'kind')
  const ask = async (text: string) => {
    await harness.inbound('shop', customer, text)
    return (await harness.waitForReply('shop', customer)).body
  }

  it('asks, owns the chat meanwhile, gives it back and keeps the lead', async () => {
    expect(await ask('apply')).toBe('What is your name? / ما اسمك؟')
    expect(await owners()).toEqual([{ plugin_id: 'lead-form', kind: 'flow' }])
    expect(await ask('Huda')).toBe('What is your budget? / ما ميزانيتك؟')
    expect(await ask('900000')).toBe('Thank you, Huda. / شكرًا لك، Huda.')
    expect(await owners()).toEqual([])
    const leads = await harness.request<{ items: unknown[] }>('GET', '/api/plugins/lead-form/leads')
    expect(leads.body.items).toEqual([{ sessionId: 'shop', chatId: '966500000077@c.us', name: 'Huda', budget: '900000' }])
  })
})
