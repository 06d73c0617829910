import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixturePath } from './test-fixtures/fixture-helpers.ts'

interface Operation {
  summary?: string
  description?: string
  tags?: string[]
  security?: unknown[]
  requestBody?: unknown
  parameters?: Array<{ name: string; in: string; required: boolean }>
  responses?: Record<string, unknown>
}

// crm-sync registers GET /config/:sessionId on the raw plugin.router; notes-keeper describes its
// routes with plugin.api.route; register-throws registers both kinds and then fails.
describe('routes on the raw plugin.router in the OpenAPI document', () => {
  let harness: TestKernel
  let paths: Record<string, Record<string, Operation>>

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixturePath('secrets'), fixturePath('notes-keeper'), fixturePath('refusals', 'register-throws')] })
    const document = await harness.request<{ paths: typeof paths }>('GET', '/api/openapi.json')
    expect(document.status).toBe(200)
    paths = document.body.paths
  })
  afterAll(async () => {
    await harness.close()
  })

  it('lists them with method, path parameters, credentials and a note that they are undocumented', () => {
    const raw = paths['/api/plugins/crm-sync/config/{sessionId}']
    expect(Object.keys(raw ?? {})).toEqual(['get'])
    expect(raw?.get).toMatchObject({
      summary: 'Undocumented route of plugin crm-sync',
      tags: ['plugins', 'plugin:crm-sync'],
      parameters: [{ name: 'sessionId', in: 'path', required: true }],
      security: expect.arrayContaining([{ bearerAuth: [] }]),
    })
    expect(raw?.get?.description).toContain('plugin.api.route')
    expect(Object.keys(raw?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403']))
  })

  it('keeps the described version of routes declared with plugin.api.route', () => {
    expect(paths['/api/plugins/notes-keeper/notes']?.post).toMatchObject({ summary: 'Keep a note', requestBody: expect.anything() })
  })

  it('lists nothing of a plugin that failed', () => {
    expect(Object.keys(paths).filter((path) => path.startsWith('/api/plugins/register-throws'))).toEqual([])
  })

  it('documents only plugin routes that exist: each answers, and refuses anonymous callers', async () => {
    const operations = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/plugins/'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })))
    expect(operations.length).toBeGreaterThanOrEqual(3)
    for (const { method, path } of operations) {
      const anonymous = await harness.request<{ error: { code: string } }>(method, path, { anonymous: true })
      expect(anonymous.status, `${method} ${path}`).toBe(401)
      const asAdmin = await harness.request<{ error?: { code: string } }>(method, path, { body: method === 'GET' ? undefined : {} })
      expect(['ROUTE_NOT_FOUND', 'PLUGIN_NOT_AVAILABLE', 'METHOD_NOT_ALLOWED'], `${method} ${path}`).not.toContain(asAdmin.body.error?.code)
    }
  })
})
