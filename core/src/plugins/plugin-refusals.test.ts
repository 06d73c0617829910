import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixtureLog, fixturePath, thingHappened, type ErrorBody, type PluginList, type PluginListItem } from './test-fixtures/fixture-helpers.ts'

// One kernel with every kind of broken plugin next to a healthy one: each is refused with a coded
// error that names it and the field, `GET /api/plugins` shows it, and the kernel keeps serving.
describe('refused and failing plugins', () => {
  let harness: TestKernel
  let plugins: PluginListItem[]

  const plugin = (id: string): PluginListItem => {
    const found = plugins.find((item) => item.id === id)
    if (!found) throw new Error(`plugin ${id} is not listed`)
    return found
  }
  const failure = (id: string) => {
    const item = plugin(id)
    expect(item.status, `${id} should have failed`).toBe('failed')
    return item.error!
  }

  beforeAll(async () => {
    fixtureLog().length = 0
    harness = await createTestKernel({
      pluginDirs: [fixturePath('refusals')],
      plugins: { configured: { greeting: 'hello', maxPerHour: 0 } },
      config: { disabledPlugins: ['switched-off'] },
    })
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.status).toBe(200)
    plugins = listed.body.items
  })
  afterAll(async () => {
    await harness.close()
  })

  it('starts the healthy plugin and keeps serving', async () => {
    expect(plugin('healthy')).toMatchObject({ status: 'started', version: '1.0.0', error: null })
    const ping = await harness.request('GET', '/api/plugins/healthy/ping')
    expect(ping).toMatchObject({ status: 200, body: { pong: 'healthy' } })
    expect((await harness.request('GET', '/health', { anonymous: true })).status).toBe(200)
  })

  it('refuses a manifest with an unknown key, naming the key', () => {
    const error = failure('unknown-key')
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID')
    expect(error.message).toContain('plugin "unknown-key"')
    expect(error.message).toContain('colour')
    expect(error.details).toMatchObject({ issues: [{ field: 'colour', message: 'is not an allowed field' }] })
  })

  it('refuses a manifest without engines, naming engines', () => {
    const error = failure('no-engines')
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID')
    expect(error.message).toContain('engines is required')
  })

  it('refuses an id that is not kebab-case, naming the id field', () => {
    const error = failure('bad-id')
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID')
    expect(error.message).toContain('Bad_Id')
    expect(error.details).toMatchObject({ issues: [expect.objectContaining({ field: 'id' })] })
  })

  it('refuses a plugin written for another kernel API before loading its code', () => {
    const error = failure('engine-mismatch')
    expect(error.code).toBe('PLUGIN_ENGINE_MISMATCH')
    expect(error.message).toContain('plugin "engine-mismatch"')
    expect(error.message).toContain('^9.0.0')
    expect(error.message).toContain('0.1.0')
    expect(error.details).toEqual({ field: 'engines.waqtor' })
  })

  it('refuses both plugins of a dependency cycle and shows the cycle', () => {
    for (const id of ['cycle-a', 'cycle-b']) {
      const error = failure(id)
      expect(error.code).toBe('PLUGIN_DEPENDENCY_CYCLE')
      expect(error.message).toContain(`plugin "${id}"`)
      expect(error.message).toContain('cycle-a -> cycle-b -> cycle-a')
    }
  })

  it('refuses a plugin whose dependency is not installed, naming it', () => {
    const error = failure('missing-dep')
    expect(error.code).toBe('PLUGIN_DEPENDENCY_MISSING')
    expect(error.message).toContain('"not-installed"')
    expect(error.details).toEqual({ field: 'dependencies.not-installed' })
  })

  it('refuses a plugin whose dependency has the wrong version', () => {
    const error = failure('dep-version')
    expect(error.code).toBe('PLUGIN_DEPENDENCY_VERSION')
    expect(error.message).toContain('"healthy" ^2.0.0 but 1.0.0 is installed')
    expect(error.details).toEqual({ field: 'dependencies.healthy' })
  })

  it('refuses plugins whose dependency was refused, disabled or failed at run time', () => {
    const cases: Array<[string, string]> = [
      ['depends-on-failed', 'engine-mismatch'],
      ['depends-on-disabled', 'switched-off'],
      ['depends-on-broken', 'register-throws'],
      ['after-start-throws', 'start-throws'],
    ]
    for (const [id, dependency] of cases) {
      const error = failure(id)
      expect(error.code, id).toBe('PLUGIN_DEPENDENCY_FAILED')
      expect(error.message, id).toContain(`"${dependency}"`)
      expect(error.details, id).toEqual({ dependency })
    }
    // A plugin whose dependency failed never runs: not even register().
    expect(fixtureLog()).not.toContain('register:depends-on-broken')
    expect(fixtureLog()).not.toContain('start:after-start-throws')
  })

  it('marks a plugin whose register() throws as failed and undoes its routes', async () => {
    const error = failure('register-throws')
    expect(error.code).toBe('PLUGIN_REGISTER_FAILED')
    expect(error.message).toContain('the CRM token is missing')
    for (const route of ['/secret', '/raw']) {
      const response = await harness.request<ErrorBody>('GET', `/api/plugins/register-throws${route}`)
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('PLUGIN_NOT_AVAILABLE')
    }
  })

  it('marks a plugin whose start() throws as failed and stops serving its routes', async () => {
    const error = failure('start-throws')
    expect(error.code).toBe('PLUGIN_START_FAILED')
    expect(error.message).toContain('cannot reach the CRM')
    const response = await harness.request<ErrorBody>('GET', '/api/plugins/start-throws/ping')
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('PLUGIN_NOT_AVAILABLE')
  })

  it('removes the bus handlers and interceptors of failed plugins', async () => {
    await harness.kernel.bus.emit(thingHappened, { label: 'after-boot' })
    await harness.kernel.bus.idle()
    // register-throws left an interceptor dropping every event: had it stayed, healthy would see nothing.
    expect(fixtureLog()).toContain('healthy got after-boot')
    expect(fixtureLog()).not.toContain('register-throws got after-boot')
    expect(fixtureLog()).not.toContain('start-throws got after-boot')
  })

  it('refuses an entry that does not export a plugin definition', () => {
    const error = failure('entry-invalid')
    expect(error.code).toBe('PLUGIN_ENTRY_INVALID')
    expect(error.message).toContain('server/index.js')
    expect(error.details).toEqual({ field: 'server' })
  })

  it('refuses an entity whose table does not start with the plugin prefix', () => {
    const error = failure('entity-prefix')
    expect(error.code).toBe('PLUGIN_ENTITY_TABLE_PREFIX')
    expect(error.message).toContain('"notes"')
    expect(error.message).toContain('"entity_prefix_"')
    expect(error.details).toEqual({ field: 'entities' })
  })

  it('refuses global settings that break the configSchema, naming plugins.<id>.<field>', () => {
    const error = failure('configured')
    expect(error.code).toBe('PLUGIN_CONFIG_INVALID')
    expect(error.message).toContain('plugins.configured.maxPerHour')
    expect(error.details).toEqual([expect.objectContaining({ field: 'plugins.configured.maxPerHour' })])
  })

  it('refuses the second plugin with an id already installed', () => {
    const twins = plugins.filter((item) => item.id === 'twin')
    expect(twins.map((item) => item.status).sort()).toEqual(['failed', 'started'])
    const refused = twins.find((item) => item.status === 'failed')!
    expect(refused.error?.code).toBe('PLUGIN_DUPLICATE_ID')
    expect(refused.error?.message).toContain('twin-one')
    expect(refused.error?.message).toContain('twin-two')
  })

  it('lists a plugin named in disabledPlugins as disabled without loading it', () => {
    expect(plugin('switched-off')).toMatchObject({ status: 'disabled', error: null })
    expect(fixtureLog()).not.toContain('register:switched-off')
  })
})
