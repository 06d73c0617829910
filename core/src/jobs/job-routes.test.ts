import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ManualClock } from '../clock/index.ts'
import { createTestKernel, type TestKernel } from '../testing/create-test-kernel.ts'

// GET /api/jobs, retry and cancel, as an admin (and nobody else) sees them.
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-fixtures')

interface JobView {
  id: string
  plugin: string
  name: string
  status: string
  attempts: number
  lastError: string | null
}
interface Page {
  items: JobView[]
  nextCursor: string | null
}
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string }> | Record<string, unknown> | null }
}

let harness: TestKernel<ManualClock>

beforeEach(async () => {
  harness = await createTestKernel({ manualClock: new Date('2026-03-01T00:00:00Z'), pluginDirs: [fixtures] })
})
afterEach(async () => {
  await harness.close()
})

async function enqueue(name: string, payload: unknown, options?: unknown): Promise<string> {
  const response = await harness.request<{ id: string }>('POST', '/api/plugins/job-fixture/enqueue', { body: { name, payload, options } })
  if (response.status !== 200) throw new Error(JSON.stringify(response.body))
  return response.body.id
}

describe('/api/jobs', () => {
  it('lists jobs newest first, filtered by status, plugin and name, a page at a time', async () => {
    const ids: string[] = []
    for (let index = 0; index < 5; index++) {
      ids.push(await enqueue('record', { index }, { delayMs: 60_000 }))
      await harness.clock.advance(1)
    }
    const failed = await enqueue('flaky', { failTimes: 9 }, { maxAttempts: 1 })
    await harness.clock.advance(0)

    const first = await harness.request<Page>('GET', '/api/jobs?status=pending&limit=2')
    expect(first.body.items.map((job) => job.id)).toEqual([ids[4], ids[3]])
    const second = await harness.request<Page>('GET', `/api/jobs?status=pending&limit=2&cursor=${first.body.nextCursor}`)
    const third = await harness.request<Page>('GET', `/api/jobs?status=pending&limit=2&cursor=${second.body.nextCursor}`)
    expect([...second.body.items, ...third.body.items].map((job) => job.id)).toEqual([ids[2], ids[1], ids[0]])
    expect(third.body.nextCursor).toBeNull()

    const failures = await harness.request<Page>('GET', '/api/jobs?status=failed&plugin=job-fixture&name=flaky')
    expect(failures.body.items).toEqual([expect.objectContaining({ id: failed, plugin: 'job-fixture', name: 'flaky', lastError: 'failure number 1' })])
    expect((await harness.request<Page>('GET', '/api/jobs?plugin=someone-else')).body.items).toEqual([])
  })

  it('answers bad filters with a 400 naming the field', async () => {
    for (const [query, field] of [['status=sleeping', 'query.status'], ['limit=0', 'query.limit'], ['cursor=not-a-cursor', 'query.cursor']] as const) {
      const response = await harness.request<ErrorBody>('GET', `/api/jobs?${query}`)
      expect(response.status).toBe(400)
      expect(response.body.error.details).toEqual([expect.objectContaining({ field })])
    }
  })

  it('retries a failed job, cancels a pending one, and says why it will not do either to other jobs', async () => {
    const failed = await enqueue('flaky', { failTimes: 9 }, { maxAttempts: 1 })
    const pending = await enqueue('record', {}, { delayMs: 60_000 })
    await harness.clock.advance(0)

    const notFailed = await harness.request<ErrorBody>('POST', `/api/jobs/${pending}/retry`)
    expect([notFailed.status, notFailed.body.error.code]).toEqual([409, 'JOB_NOT_FAILED'])
    const notPending = await harness.request<ErrorBody>('DELETE', `/api/jobs/${failed}`)
    expect([notPending.status, notPending.body.error.code]).toEqual([409, 'JOB_NOT_PENDING'])

    const cancelled = await harness.request<JobView>('DELETE', `/api/jobs/${pending}`)
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled'])
    await harness.clock.advance(120_000)
    const runs = (await harness.request<{ runs: unknown[] }>('GET', '/api/plugins/job-fixture/runs')).body.runs
    expect(runs).toHaveLength(1)

    const retried = await harness.request<JobView>('POST', `/api/jobs/${failed}/retry`)
    expect([retried.status, retried.body.status]).toEqual([200, 'pending'])

    for (const [method, suffix] of [['POST', '/retry'], ['DELETE', ''], ['GET', '']] as const) {
      const unknown = await harness.request<ErrorBody>(method, `/api/jobs/no-such-job${suffix}`)
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'JOB_NOT_FOUND'])
    }
  })

  it('is for admins only', async () => {
    const agent = await harness.createUser('agent')
    const key = await harness.createApiKey('viewer')
    expect((await harness.request('GET', '/api/jobs', { token: agent.token })).status).toBe(403)
    expect((await harness.request('GET', '/api/jobs', { apiKey: key.key })).status).toBe(403)
    expect((await harness.request('GET', '/api/jobs', { anonymous: true })).status).toBe(401)
    const id = await enqueue('record', {}, { delayMs: 1000 })
    expect((await harness.request('DELETE', `/api/jobs/${id}`, { token: agent.token })).status).toBe(403)
  })

  it('is described in the OpenAPI document', async () => {
    const document = (await harness.request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json')).body
    expect(Object.keys(document.paths['/api/jobs'] ?? {})).toEqual(['get'])
    expect(Object.keys(document.paths['/api/jobs/{id}/retry'] ?? {})).toEqual(['post'])
    expect(Object.keys(document.paths['/api/jobs/{id}'] ?? {}).sort()).toEqual(['delete', 'get'])
  })
})
