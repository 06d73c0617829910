import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../logging/create-logger.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixturePath, type ErrorBody, type PluginList } from './test-fixtures/fixture-helpers.ts'

// Plugins from outside the repository, where neither @waqtor/core nor zod can be imported.
describe('a plain-JavaScript plugin in a folder outside the repository', () => {
  let outside: string
  let harness: TestKernel

  beforeAll(async () => {
    outside = await mkdtemp(path.join(tmpdir(), 'waqtor-third-party-'))
    await cp(fixturePath('plain-js', 'hello-world'), path.join(outside, 'hello-world'), { recursive: true })
    harness = await createTestKernel({ pluginDirs: [path.join(outside, 'hello-world')] })
  })
  afterAll(async () => {
    await harness.close()
    await rm(outside, { recursive: true, force: true })
  })

  it('is listed as started with its version', async () => {
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.body.items).toEqual([expect.objectContaining({ id: 'hello-world', version: '1.2.3', status: 'started', source: 'directory', error: null })])
  })

  it('serves its routes under /api/plugins/<id> to a signed-in caller', async () => {
    const hello = await harness.request('GET', '/api/plugins/hello-world/hello')
    expect(hello).toMatchObject({ status: 200, body: { message: 'hello from hello-world' } })
  })

  it('refuses anonymous callers like every /api route', async () => {
    const anonymous = await harness.request<ErrorBody>('GET', '/api/plugins/hello-world/hello', { anonymous: true })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED')
  })

  it('answers an unknown route of the plugin with a JSON 404', async () => {
    const missing = await harness.request<ErrorBody>('GET', '/api/plugins/hello-world/nope')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND')
  })
})

describe('a plugin installed as an npm package', () => {
  let project: string
  let harness: TestKernel
  const logLines: Array<{ msg?: string; code?: string; level?: number }> = []

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'waqtor-npm-project-'))
    await cp(fixturePath('npm', 'waqtor-plugin-x'), path.join(project, 'node_modules', '@acme', 'waqtor-plugin-x'), { recursive: true })
    // The kernel runs from a subfolder: node_modules is found by walking up, as Node does.
    const cwd = path.join(project, 'apps', 'waqtor')
    await mkdir(cwd, { recursive: true })
    const logger = createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) })
    harness = await createTestKernel({ cwd, logger, pluginPackages: ['@acme/waqtor-plugin-x', '@acme/not-installed'] })
  })
  afterAll(async () => {
    await harness.close()
    await rm(project, { recursive: true, force: true })
  })

  it('is found in node_modules from the working folder upwards and started', async () => {
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.body.items).toEqual([expect.objectContaining({ id: 'acme-x', version: '2.0.0', status: 'started', source: 'package' })])
    const status = await harness.request('GET', '/api/plugins/acme-x/status')
    expect(status).toMatchObject({ status: 200, body: { plugin: 'acme-x', from: 'npm' } })
  })

  it('logs a package that is not installed and starts without it', async () => {
    const problem = logLines.find((line) => line.code === 'PLUGIN_PACKAGE_NOT_FOUND')
    expect(problem?.msg).toContain('"@acme/not-installed" is not installed')
    expect(harness.kernel.state).toBe('running')
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.body.items.map((item) => item.id)).toEqual(['acme-x'])
  })
})
