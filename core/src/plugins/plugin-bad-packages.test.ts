import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forkSqlEm } from '../db/sql-em.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixturePath, type PluginList, type PluginListItem } from './test-fixtures/fixture-helpers.ts'
import { pluginWithOwnCopies, type TempPlugin } from './test-fixtures/own-copies.ts'

// Every way a badly packaged plugin used to stop the kernel (or could): each ends `failed` with a
// coded error naming the plugin and the field, and the kernel, with a healthy neighbour that has
// its own entity and migration, keeps serving.
describe('badly packaged plugins are failed, never fatal', () => {
  let harness: TestKernel
  let plugins: PluginListItem[]
  let syntaxError: TempPlugin

  const failure = (id: string) => {
    const item = plugins.find((plugin) => plugin.id === id)
    expect(item?.status, `${id} should have failed`).toBe('failed')
    expect(item?.error?.message).toContain(`plugin "${id}"`)
    return item!.error!
  }

  beforeAll(async () => {
    syntaxError = await pluginWithOwnCopies('syntax-error', {
      'plugin.json': JSON.stringify({ id: 'syntax-error', name: 'syntax-error', version: '1.0.0', description: 'Fixture: a server entry that does not parse.', engines: { waqtor: '^0.1.0' }, server: 'server/index.js' }),
      'server/index.js': 'export default {\n  register(plugin) {\n    plugin.router.get("/x", (ctx) => { ctx.body = 1 }\n  },\n}\n',
    }, [])
    harness = await createTestKernel({ pluginDirs: [fixturePath('bad-packages'), syntaxError.dir] })
    plugins = (await harness.request<PluginList>('GET', '/api/plugins')).body.items
  })
  afterAll(async () => {
    await harness?.close()
    await syntaxError.remove()
  })

  it('keeps serving, with the healthy neighbour started and its table migrated', async () => {
    expect(plugins.find((plugin) => plugin.id === 'neighbour')).toMatchObject({ status: 'started', error: null })
    expect((await harness.request('POST', '/api/plugins/neighbour/visits')).status).toBe(201)
    expect((await harness.request('GET', '/ready', { anonymous: true })).status).toBe(200)
  })

  it('fails an entry that throws while imported, and one that does not parse', () => {
    expect(failure('import-throws')).toMatchObject({ code: 'PLUGIN_LOAD_FAILED', details: { field: 'server' } })
    expect(failure('import-throws').message).toContain('needs ACME_CRM_URL')
    expect(failure('syntax-error')).toMatchObject({ code: 'PLUGIN_LOAD_FAILED', details: { field: 'server' } })
  })

  it('fails a plugin whose migration throws, rolling its tables back', async () => {
    expect(failure('migration-throws')).toMatchObject({ code: 'PLUGIN_MIGRATION_FAILED' })
    expect(failure('migration-throws').message).toContain('column type not supported here')
    expect(await forkSqlEm(harness.kernel.orm).getKnex().schema.hasTable('migration_throws_rows')).toBe(false)
    expect(await forkSqlEm(harness.kernel.orm).getKnex().schema.hasTable('neighbour_visits')).toBe(true)
  })

  it('fails migrations that are not { name, up } or share a name, naming the field', () => {
    expect(failure('migration-invalid')).toMatchObject({ code: 'PLUGIN_MIGRATION_INVALID', details: { field: 'migrations.0.up' } })
    expect(failure('migration-twice')).toMatchObject({ code: 'PLUGIN_MIGRATION_INVALID', details: { field: 'migrations.1.name' } })
  })

  it('fails entities MikroORM would refuse, or that would replace a core entity', () => {
    expect(failure('entity-no-key')).toMatchObject({ code: 'PLUGIN_ENTITY_INVALID', details: { field: 'entities' } })
    expect(failure('entity-no-key').message).toContain('KeylessRow')
    expect(failure('entity-name-taken')).toMatchObject({ code: 'PLUGIN_ENTITY_NAME_TAKEN', details: { field: 'entities.0', entity: 'User' } })
    expect(failure('entity-class')).toMatchObject({ code: 'PLUGIN_ENTITY_INVALID', details: { field: 'entities.0' } })
    expect(failure('entity-class').message).toContain('a class (Ticket)')
    expect(failure('entity-table-dotted')).toMatchObject({ code: 'PLUGIN_ENTITY_TABLE_INVALID', details: { field: 'entities.0' } })
  })

  it('leaves the core entities intact: users still log in and list', async () => {
    const users = await harness.request<{ items: Array<{ email: string }> }>('GET', '/api/users')
    expect(users.status).toBe(200)
    expect(users.body.items.map((user) => user.email)).toContain(harness.admin.email)
  })
})
