import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '../logging/create-logger.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { surveyPluginTables, undeclaredPersonalData } from './personal-data-audit.ts'
import { writePlainPlugin } from './test-support/plain-plugin.ts'

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const installedRoots = [path.join(repository, 'plugins'), path.join(repository, 'examples', 'plugins')]
const tableMigration = "migrations: [{ name: '001', async up({ knex }) { await knex.schema.createTable(TABLE, (table) => { table.string('phone') }) } }],"

describe('every installed plugin with tables says whether they hold personal data, and registers hooks when they do', () => {
  let harness: TestKernel | undefined
  let fixtures: string | undefined
  afterAll(async () => {
    await harness?.close()
    if (fixtures) await rm(fixtures, { recursive: true, force: true })
  })

  it('flags a plugin with tables and no personalData, and one with personalData but no hooks', async () => {
    fixtures = await mkdtemp(path.join(tmpdir(), 'waqtor-personal-data-'))
    await writePlainPlugin(fixtures, { id: 'silent-table' }, `export default { ${tableMigration.replace('TABLE', "'silent_table_rows'")} register() {} }`)
    await writePlainPlugin(fixtures, { id: 'no-hooks', personalData: true }, `export default { ${tableMigration.replace('TABLE', "'no_hooks_rows'")} register() {} }`)
    await writePlainPlugin(fixtures, { id: 'plain-table', personalData: false }, `export default { ${tableMigration.replace('TABLE', "'plain_table_rows'")} register() {} }`)
    await writePlainPlugin(fixtures, { id: 'tableless' }, 'export default { register() {} }')
    const survey = await surveyPluginTables([fixtures])
    expect(undeclaredPersonalData(survey)).toEqual(['silent-table'])
    const lines: string[] = []
    const destination = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done() } })
    const kernel = await createTestKernel({ pluginDirs: [fixtures], logger: createLogger('warn', destination) })
    try {
      const warned = lines.map((line) => JSON.parse(line) as { plugin?: string; msg: string }).filter((line) => line.msg.includes('personal data'))
      expect(warned.map((line) => line.plugin)).toEqual(['silent-table'])
      const exported = await kernel.request<{ unavailable: string[] }>('POST', '/api/privacy/export', { body: { subject: { kind: 'contact', sessionId: 'any', phone: '966500000000' } } })
      expect(exported.body.unavailable).toEqual(['no-hooks'])
    } finally {
      await kernel.close()
    }
  })

  it('holds for plugins/* and examples/plugins/*', async () => {
    const survey = await surveyPluginTables(installedRoots)
    expect(survey.map((plugin) => plugin.id)).toContain('webhooks')
    expect(undeclaredPersonalData(survey), 'plugins with tables must set "personalData" in plugin.json (docs/plugin-api/privacy.md)').toEqual([])

    harness = await createTestKernel({ builtinPlugins: true, pluginDirs: [path.join(repository, 'examples', 'plugins')] })
    const holders = survey.filter((plugin) => plugin.personalData === true).map((plugin) => plugin.id)
    expect(holders).toContain('webhooks')
    const registered = harness.kernel.privacy.registered()
    expect(holders.filter((id) => !registered.includes(id)), 'plugins declaring personal data must call plugin.privacy.register()').toEqual([])
  })
})
