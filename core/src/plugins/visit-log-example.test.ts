import type { SqlEntityManager } from '@mikro-orm/knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixturePath } from './test-fixtures/fixture-helpers.ts'

// The plain-JavaScript example of docs/plugin-api/lifecycle.md.
describe('the visit-log example cleans up after itself', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixturePath('visit-log')] })
    await harness.createSession('shop')
    await harness.createSession('other')
  })
  afterAll(async () => {
    await harness.close()
  })

  const rows = async (table: string, sessionId: string) =>
    Number((await (harness.kernel.orm.em.fork() as SqlEntityManager).getKnex()(table).where('session_id', sessionId).count({ n: '*' }))[0]?.n)
  const state = async () => (await harness.request<{ lastVisitors: Record<string, string>; heard: string[] }>('GET', '/api/plugins/visit-log/last-visitors')).body

  it('hears that it was switched off, and cleans a deleted session where it is off', async () => {
    for (const sessionId of ['shop', 'other']) {
      expect((await harness.request('PUT', `/api/sessions/${sessionId}/plugins/visit-log`, { body: { enabled: true } })).status).toBe(200)
      await harness.inbound(sessionId, '+966500000055', 'hello')
    }
    await harness.kernel.bus.idle()
    expect((await state()).lastVisitors).toEqual({ shop: '966500000055@c.us', other: '966500000055@c.us' })

    expect((await harness.request('PUT', '/api/sessions/shop/plugins/visit-log', { body: { enabled: false } })).status).toBe(200)
    await harness.kernel.bus.idle()
    expect(await state()).toEqual({ lastVisitors: { other: '966500000055@c.us' }, heard: ['disabled shop'] })

    expect((await harness.request('DELETE', '/api/sessions/shop')).status).toBe(204)
    expect(await rows('visit_log_visits', 'shop')).toBe(0)
    expect(await rows('visit_log_daily_totals', 'shop')).toBe(1)
    expect(await rows('visit_log_visits', 'other')).toBe(1)
    expect((await state()).heard).toEqual(['disabled shop', 'deleted shop'])
  })
})
