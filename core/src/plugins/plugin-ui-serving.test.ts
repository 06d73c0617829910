import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { ErrorBody, PluginListItem } from './test-fixtures/fixture-helpers.ts'

type ListedPlugin = PluginListItem & { adminModule: { entry: string } | null; uiSource: string | null }

const uiEntry = "export default { id: 'panel-notes', title: 'Notes', routes: [{ path: '/notes', component: () => import('./pages/list.js') }] }\n"

/** Writes a plain-JavaScript plugin folder: manifest, a server entry, and the given other files. */
async function writePlugin(root: string, manifest: Record<string, unknown>, files: Record<string, string>, server = 'export default { register() {} }\n'): Promise<void> {
  const dir = path.join(root, String(manifest.id))
  const all = { 'plugin.json': JSON.stringify({ name: String(manifest.id), version: '1.0.0', description: 'A plugin with an admin module', engines: { waqtor: '^0.1.0' }, server: 'server/index.js', ...manifest }), 'server/index.js': server, ...files }
  for (const [file, content] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), content)
  }
}

describe('plugin admin modules served by the kernel', () => {
  let outside: string
  let harness: TestKernel
  const get = (urlPath: string) => harness.request<string | ErrorBody>('GET', urlPath, { anonymous: true })
  const expectNotServed = async (urlPath: string) => {
    const answer = await get(urlPath)
    expect(answer.status, urlPath).toBe(404)
    expect((answer.body as ErrorBody).error.code, urlPath).toBe('PLUGIN_UI_NOT_FOUND')
  }

  beforeAll(async () => {
    outside = await mkdtemp(path.join(tmpdir(), 'waqtor-plugin-ui-'))
    const adminModule = { contributes: { adminModule: true }, ui: 'ui/index.js' }
    await writePlugin(outside, { id: 'panel-notes', ...adminModule }, { 'ui/index.js': uiEntry, 'ui/pages/list.js': 'export default {}\n', 'ui/.env': 'SECRET=1\n' })
    await writePlugin(outside, { id: 'built-panel', contributes: { adminModule: true }, ui: 'ui/dist/index.mjs' }, { 'ui/dist/index.mjs': uiEntry, 'ui/src/index.ts': 'export {}\n' })
    await writePlugin(outside, { id: 'broken-panel', ...adminModule }, { 'ui/index.js': uiEntry }, "export default { register() { throw new Error('boom') } }\n")
    await writePlugin(outside, { id: 'source-panel', contributes: { adminModule: true }, ui: 'ui/index.ts' }, { 'ui/index.ts': 'export {}\n' })
    await writePlugin(outside, { id: 'undeclared-panel', ui: 'ui/index.js' }, { 'ui/index.js': uiEntry })
    await writePlugin(outside, { id: 'top-level-panel', contributes: { adminModule: true }, ui: 'index.js' }, { 'index.js': uiEntry })
    harness = await createTestKernel({ pluginDirs: [outside] })
  })
  afterAll(async () => {
    await harness.close()
    await rm(outside, { recursive: true, force: true })
  })

  it('lists the admin module entry of started plugins with a JavaScript ui entry, and every ui source', async () => {
    const listed = await harness.request<{ items: ListedPlugin[] }>('GET', '/api/plugins')
    const byId = Object.fromEntries(listed.body.items.map((item) => [item.id, item]))
    expect(byId['panel-notes']).toMatchObject({ status: 'started', adminModule: { entry: '/plugin-ui/panel-notes/index.js' }, uiSource: 'ui/index.js' })
    expect(byId['built-panel']).toMatchObject({ status: 'started', adminModule: { entry: '/plugin-ui/built-panel/index.mjs' }, uiSource: 'ui/dist/index.mjs' })
    expect(byId['broken-panel']).toMatchObject({ status: 'failed', adminModule: null, uiSource: 'ui/index.js' })
    expect(byId['source-panel']).toMatchObject({ status: 'started', adminModule: null, uiSource: 'ui/index.ts' })
    expect(byId['undeclared-panel']).toMatchObject({ adminModule: null, uiSource: 'ui/index.js' })
    expect(byId['top-level-panel']).toMatchObject({ adminModule: null, uiSource: 'index.js' })
  })

  it('serves the module and its other files without credentials, as JavaScript that is revalidated', async () => {
    const entry = await get('/plugin-ui/panel-notes/index.js')
    expect(entry.status).toBe(200)
    expect(entry.body).toBe(uiEntry)
    expect(entry.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(entry.headers.get('cache-control')).toBe('no-cache')
    expect((await get('/plugin-ui/panel-notes/pages/list.js')).body).toBe('export default {}\n')
    const built = await get('/plugin-ui/built-panel/index.mjs')
    expect(built.status).toBe(200)
    expect(built.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('serves nothing outside the folder of the ui entry, nor hidden files', async () => {
    await expectNotServed('/plugin-ui/panel-notes/..%2fserver%2findex.js')
    await expectNotServed('/plugin-ui/panel-notes/pages%2f..%2f..%2fplugin.json')
    await expectNotServed('/plugin-ui/panel-notes/..%5cplugin.json')
    await expectNotServed('/plugin-ui/built-panel/..%2fsrc%2findex.ts')
    await expectNotServed('/plugin-ui/panel-notes/.env')
    await expectNotServed('/plugin-ui/panel-notes/pages')
    await expectNotServed('/plugin-ui/panel-notes/missing.js')
  })

  it('serves nothing for failed, unknown or undeclared plugins, nor for ui sources compiled into the panel', async () => {
    await expectNotServed('/plugin-ui/broken-panel/index.js')
    await expectNotServed('/plugin-ui/nobody/index.js')
    await expectNotServed('/plugin-ui/undeclared-panel/index.js')
    await expectNotServed('/plugin-ui/source-panel/index.ts')
    await expectNotServed('/plugin-ui/top-level-panel/index.js')
    await expectNotServed('/plugin-ui/panel-notes')
    await expectNotServed('/plugin-ui')
  })

  it('only reads', async () => {
    const posted = await harness.request<ErrorBody>('POST', '/plugin-ui/panel-notes/index.js', { anonymous: true, body: {} })
    expect(posted.status).toBe(405)
    expect(posted.body.error.code).toBe('METHOD_NOT_ALLOWED')
  })
})
