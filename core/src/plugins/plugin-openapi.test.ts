import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixturePath, type PluginList } from './test-fixtures/fixture-helpers.ts'

interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string; requestBody?: unknown; security?: unknown[] }>>
}

describe('plugin routes in the OpenAPI document', () => {
  let harness: TestKernel
  let paths: OpenApiDocument['paths']

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixturePath('notes-keeper'), fixturePath('refusals', 'register-throws')] })
    const document = await harness.request<OpenApiDocument>('GET', '/api/openapi.json')
    expect(document.status).toBe(200)
    paths = document.body.paths
  })
  afterAll(async () => {
    await harness.close()
  })

  it('lists the routes a plugin describes with plugin.api.route under /api/plugins/<id>', () => {
    const notes = paths['/api/plugins/notes-keeper/notes']
    expect(Object.keys(notes ?? {}).sort()).toEqual(['get', 'post'])
    expect(notes?.post).toMatchObject({ summary: 'Keep a note', requestBody: expect.anything(), security: expect.arrayContaining([{ bearerAuth: [] }]) })
    expect(paths['/api/plugins']).toBeDefined()
  })

  it('lists none of the routes of a plugin that failed in register()', async () => {
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.body.items.find((item) => item.id === 'register-throws')?.status).toBe('failed')
    expect(Object.keys(paths).filter((route) => route.startsWith('/api/plugins/register-throws'))).toEqual([])
  })
})
