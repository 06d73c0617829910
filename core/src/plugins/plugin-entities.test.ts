import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixtureLog, fixturePath, type ErrorBody, type PluginList } from './test-fixtures/fixture-helpers.ts'

interface NoteView {
  id: number
  body: string
  createdAt: string
}

const migrationName = 'notes-keeper/001-create-notes'

// notes-keeper brings an entity (table notes_keeper_notes) and the migration that creates it.
describe('plugin entities and migrations', () => {
  let harness: TestKernel

  const appliedMigrations = async (): Promise<string[]> => {
    const rows: Array<Record<string, unknown>> = await harness.kernel.orm.em.fork().getConnection().execute('select name from waqtor_migrations')
    return rows.map((row) => String(row.name))
  }

  beforeAll(async () => {
    fixtureLog().length = 0
    harness = await createTestKernel({ pluginDirs: [fixturePath('notes-keeper')] })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('runs the plugin migration and serves routes that write and read its entity', async () => {
    expect(fixtureLog()).toEqual([`migrate:${migrationName}`])
    const created = await harness.request<NoteView>('POST', '/api/plugins/notes-keeper/notes', { body: { body: 'call the landlord' } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ id: expect.any(Number), body: 'call the landlord' })
    const listed = await harness.request<{ items: NoteView[] }>('GET', '/api/plugins/notes-keeper/notes')
    expect(listed.body.items).toEqual([created.body])
  })

  it('validates input of its described routes, naming the field', async () => {
    const refused = await harness.request<ErrorBody>('POST', '/api/plugins/notes-keeper/notes', { body: { body: '' } })
    expect(refused.status).toBe(400)
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'body.body' })])
  })

  it('keeps its data across a restart without running the migration again', async () => {
    const before = await harness.request<{ items: NoteView[] }>('GET', '/api/plugins/notes-keeper/notes')
    harness = await harness.restart()

    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.body.items).toEqual([expect.objectContaining({ id: 'notes-keeper', status: 'started' })])
    const after = await harness.request<{ items: NoteView[] }>('GET', '/api/plugins/notes-keeper/notes')
    expect(after.body.items).toEqual(before.body.items)
    expect(after.body.items).toHaveLength(1)
    expect(fixtureLog()).toEqual([`migrate:${migrationName}`])
    expect((await appliedMigrations()).filter((name) => name === migrationName)).toHaveLength(1)

    const added = await harness.request<NoteView>('POST', '/api/plugins/notes-keeper/notes', { body: { body: 'second' } })
    expect(added.status).toBe(201)
    expect(added.body.id).toBeGreaterThan(before.body.items[0]!.id)
  })
})
