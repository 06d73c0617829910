import type { SqlEntityManager } from '@mikro-orm/knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixtureLog, fixturePath, type PluginList } from './test-fixtures/fixture-helpers.ts'

const knexOf = (harness: TestKernel) => (harness.kernel.orm.em.fork() as SqlEntityManager).getKnex()
const count = async (harness: TestKernel, table: string, column: string, sessionId: string) => {
  const rows = await knexOf(harness)(table).where(column, sessionId).count({ n: '*' })
  return Number(rows[0]?.n)
}
const logged = (prefix: string) => fixtureLog().filter((line) => line.startsWith(prefix))

describe('session lifecycle reaches every plugin', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixturePath('session-lifecycle')] })
    await harness.createSession('kept')
    await harness.createSession('doomed')
  })
  afterAll(async () => {
    await harness.close()
  })

  const inbound = async (sessionId: string, text: string) => {
    const sent = await harness.request('POST', `/api/sessions/${sessionId}/sandbox/inbound`, { body: { from: '+966500000001', text } })
    expect(sent.status).toBe(201)
    await harness.kernel.bus.idle()
  }

  it('tells the plugin being switched off that it was switched off', async () => {
    for (const sessionId of ['kept', 'doomed']) {
      expect((await harness.request('PUT', `/api/sessions/${sessionId}/plugins/row-keeper`, { body: { enabled: true } })).status).toBe(200)
    }
    await inbound('kept', 'hello kept')
    await inbound('doomed', 'hello doomed')
    expect((await harness.request('PUT', '/api/sessions/doomed/plugins/row-keeper', { body: { enabled: false } })).status).toBe(200)
    await harness.kernel.bus.idle()
    expect(logged('row-keeper:plugin.session')).toEqual([
      'row-keeper:plugin.session.enabled:row-keeper:kept',
      'row-keeper:plugin.session.enabled:row-keeper:doomed',
      'row-keeper:plugin.session.disabled:row-keeper:doomed',
    ])
    // Switched off, it still hears nothing else of that session.
    await inbound('doomed', 'while off')
    expect(await count(harness, 'row_keeper_notes', 'session_id', 'doomed')).toBe(1)
  })

  it('removes declared rows, keeps the kept ones, and runs every hook, though the plugin is off there', async () => {
    expect(await count(harness, 'row_keeper_audit', 'owner_session', 'doomed')).toBe(1)
    const deleted = await harness.request('DELETE', '/api/sessions/doomed')
    expect(deleted.status).toBe(204)
    // Done when the DELETE answers: rows 'delete' gone, 'keep' kept, the other session untouched.
    expect(await count(harness, 'row_keeper_notes', 'session_id', 'doomed')).toBe(0)
    expect(await count(harness, 'row_keeper_audit', 'owner_session', 'doomed')).toBe(1)
    expect(await count(harness, 'row_keeper_notes', 'session_id', 'kept')).toBe(1)
    // A throwing hook of another plugin neither stops this one nor the deletion.
    expect(logged('hook-breaker:hook')).toEqual(['hook-breaker:hook:doomed'])
    expect(logged('row-keeper:hook')).toEqual(['row-keeper:hook:doomed:notes-left=0:enabled=false'])
    await harness.kernel.bus.idle()
    expect(logged('row-keeper:session.deleted')).toEqual(['row-keeper:session.deleted:doomed'])
    const failures = await harness.request<string>('GET', '/metrics')
    expect(failures.body).toMatch(/waqtor_session_deletion_failures_total\{plugin="hook-breaker",step="hook"\} 1/)
  })

  it('starts a re-created session with the plugin off, as the database says', async () => {
    await harness.createSession('doomed')
    const state = await harness.request<{ enabled: boolean }>('GET', '/api/sessions/doomed/plugins/row-keeper')
    expect(state.body.enabled).toBe(false)
    await inbound('doomed', 'new life')
    expect(await count(harness, 'row_keeper_notes', 'session_id', 'doomed')).toBe(0)
  })
})

describe('declared session data is checked', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixturePath('session-data-refusals')] })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('refuses a table that is not the plugin\'s own, and one that does not exist, naming the field', async () => {
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    const byId = new Map(listed.body.items.map((item) => [item.id, item]))
    expect(byId.get('foreign-table')).toMatchObject({ status: 'failed', error: { code: 'PLUGIN_SESSION_DATA_INVALID', details: { field: 'sessionData[1].table' } } })
    expect(byId.get('foreign-table')?.error?.message).toContain('"foreign_table_"')
    expect(byId.get('missing-table')).toMatchObject({
      status: 'failed',
      error: { code: 'PLUGIN_SESSION_DATA_INVALID', details: { issues: [{ field: 'sessionData[0]' }] } },
    })
    // The kernel keeps serving, and deleting a session does not trip over them.
    await harness.createSession('s1')
    expect((await harness.request('DELETE', '/api/sessions/s1')).status).toBe(204)
  })
})
