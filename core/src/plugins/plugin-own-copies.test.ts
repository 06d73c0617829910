import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { type ErrorBody, type PluginList, type PluginListItem } from './test-fixtures/fixture-helpers.ts'
import { pluginWithOwnCopies, type TempPlugin } from './test-fixtures/own-copies.ts'

const manifest = (id: string, description: string) =>
  JSON.stringify({ id, name: id, version: '1.0.0', description, engines: { waqtor: '^0.1.0' }, contributes: { routes: true }, server: 'server/index.js' })

// A plain-JS plugin that did `npm install @mikro-orm/core zod` in its folder: its EntitySchema and
// its zod schemas come from its own copies, not the kernel's.
const ownCopiesEntry = `
import { EntitySchema } from '@mikro-orm/core'
import { z } from 'zod'

class Memo {}

const MemoSchema = new EntitySchema({
  class: Memo,
  tableName: 'own_copies_memos',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    text: { type: 'string', length: 200 },
  },
})

class MemoTag {}

// A relation between two schemas of the plugin's own copy: both are re-created, the link follows.
const MemoTagSchema = new EntitySchema({
  class: MemoTag,
  tableName: 'own_copies_memo_tags',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    memo: { kind: 'm:1', entity: () => MemoSchema },
    label: { type: 'string', length: 40 },
  },
})

const memo = z.object({ id: z.number().int(), text: z.string() })

export default {
  entities: [MemoSchema, MemoTagSchema],
  migrations: [{
    name: '001-create-memos',
    async up({ knex }) {
      await knex.schema.createTable('own_copies_memos', (table) => {
        table.increments('id')
        table.string('text', 200).notNullable()
      })
      await knex.schema.createTable('own_copies_memo_tags', (table) => {
        table.increments('id')
        table.integer('memo_id').unsigned().notNullable().references('id').inTable('own_copies_memos')
        table.string('label', 40).notNullable()
      })
    },
  }],
  register(plugin) {
    plugin.api.route({
      method: 'post', path: '/memos', summary: 'Keep a memo', status: 201,
      body: z.object({ text: z.string().min(1).max(200) }), response: memo,
      async handler(_ctx, { body }) {
        const kept = plugin.db.em.create(Memo, { text: body.text })
        plugin.db.em.create(MemoTag, { memo: kept, label: 'new' })
        await plugin.db.em.flush()
        return { id: kept.id, text: kept.text }
      },
    })
    plugin.api.route({
      method: 'get', path: '/memos/:id/tags', summary: 'Tags of a memo',
      params: z.object({ id: z.coerce.number().int() }), response: z.object({ labels: z.array(z.string()), memoText: z.string().nullable() }),
      async handler(_ctx, { params }) {
        const tags = await plugin.db.em.find(MemoTag, { memo: params.id }, { populate: ['memo'] })
        return { labels: tags.map((tag) => tag.label), memoText: tags[0]?.memo.text ?? null }
      },
    })
    plugin.api.route({
      method: 'get', path: '/memos', summary: 'Memos, newest first',
      query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }), response: z.object({ items: z.array(memo) }),
      async handler(_ctx, { query }) {
        const found = await plugin.db.em.find(Memo, {}, { orderBy: { id: 'desc' }, limit: query.limit })
        return { items: found.map(({ id, text }) => ({ id, text })) }
      },
    })
  },
}
`

// zod 3 (what an older tutorial's `npm install zod@3` gives): its schemas cannot be described in OpenAPI.
const zod3Entry = `
import { z } from 'zod'

export default {
  register(plugin) {
    plugin.api.route({
      method: 'post', path: '/echo', summary: 'Echo',
      body: z.object({ text: z.string() }),
      handler: (_ctx, { body }) => body,
    })
  },
}
`

describe('a plugin with its own copies of MikroORM and zod', () => {
  let harness: TestKernel
  let plugins: PluginListItem[]
  const temps: TempPlugin[] = []

  beforeAll(async () => {
    temps.push(
      await pluginWithOwnCopies('own-copies', { 'plugin.json': manifest('own-copies', 'Own copies of MikroORM and zod'), 'package.json': '{ "type": "module" }', 'server/index.js': ownCopiesEntry }, [
        { name: '@mikro-orm/core' },
        { name: 'zod' },
      ]),
      await pluginWithOwnCopies('old-zod', { 'plugin.json': manifest('old-zod', 'Own copy of zod 3'), 'package.json': '{ "type": "module" }', 'server/index.js': zod3Entry }, [
        { name: 'zod', from: 'chromium-bidi/node_modules/zod' },
      ]),
    )
    harness = await createTestKernel({ pluginDirs: temps.map((temp) => temp.dir) })
    plugins = (await harness.request<PluginList>('GET', '/api/plugins')).body.items
  })
  afterAll(async () => {
    await harness?.close()
    for (const temp of temps) await temp.remove()
  })

  it('starts the plugin whose EntitySchema and zod come from its own copies, and its entity works', async () => {
    expect(plugins.find((plugin) => plugin.id === 'own-copies')).toMatchObject({ status: 'started', error: null })
    const kept = await harness.request<{ id: number; text: string }>('POST', '/api/plugins/own-copies/memos', { body: { text: 'call the landlord' } })
    expect(kept.status, JSON.stringify(kept.body)).toBe(201)
    expect(kept.body).toEqual({ id: expect.any(Number), text: 'call the landlord' })
    const listed = await harness.request<{ items: unknown[] }>('GET', '/api/plugins/own-copies/memos?limit=5')
    expect(listed.body.items).toEqual([kept.body])
    const tags = await harness.request('GET', `/api/plugins/own-copies/memos/${kept.body.id}/tags`)
    expect(tags.body).toEqual({ labels: ['new'], memoText: 'call the landlord' })
    const refused = await harness.request<ErrorBody>('POST', '/api/plugins/own-copies/memos', { body: { text: '' } })
    expect(refused.status).toBe(400)
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'body.text' })])
  })

  it('describes its routes in the OpenAPI document', async () => {
    const document = await harness.request<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>('GET', '/api/openapi.json')
    expect(document.status).toBe(200)
    expect(document.body.paths['/api/plugins/own-copies/memos']?.post?.requestBody).toMatchObject({ content: { 'application/json': { schema: { properties: { text: { type: 'string' } } } } } })
  })

  it('refuses the plugin whose zod is version 3 with a coded error saying what to do, and keeps serving', async () => {
    const refused = plugins.find((plugin) => plugin.id === 'old-zod')
    expect(refused?.status).toBe('failed')
    expect(refused?.error?.code).toBe('PLUGIN_SCHEMA_UNSUPPORTED')
    expect(refused?.error?.message).toContain('plugin "old-zod"')
    expect(refused?.error?.message).toContain('@waqtor/core')
    expect(refused?.error?.details).toMatchObject({ field: 'body', route: 'POST /echo' })
    expect((await harness.request('GET', '/api/plugins/old-zod/echo')).status).toBe(404)
    expect((await harness.request('GET', '/api/openapi.json')).status).toBe(200)
  })
})
