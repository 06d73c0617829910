import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ManualClock } from '../clock/index.ts'
import { createTestKernel, type TestKernel } from '../testing/create-test-kernel.ts'

// plugin.jobs with the kernel clock moved by the test: no real sleeping anywhere.
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-fixtures')
const start = new Date('2026-03-01T00:00:00.000Z').getTime()

interface Run {
  id: string
  name: string
  payload: unknown
  attempt: number
  at: number
}
interface JobView {
  id: string
  plugin: string
  name: string
  status: string
  attempts: number
  maxAttempts: number
  runAt: string
  lastError: string | null
  cron: string | null
}
interface Enqueued {
  id: string
  created: boolean
  runAt: number
}

let harness: TestKernel<ManualClock>

beforeEach(async () => {
  harness = await createTestKernel({ manualClock: new Date(start), pluginDirs: [fixtures] })
})
afterEach(async () => {
  await harness.close()
})

async function call<T>(route: string, body: unknown): Promise<T> {
  const response = await harness.request<T>('POST', `/api/plugins/job-fixture/${route}`, { body })
  if (response.status !== 200) throw new Error(`${route}: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}
const enqueue = (name: string, payload: unknown, options?: unknown) => call<Enqueued>('enqueue', { name, payload, options })
const runs = async () => (await harness.request<{ runs: Run[] }>('GET', '/api/plugins/job-fixture/runs')).body.runs
const job = async (id: string) => (await harness.request<JobView>('GET', `/api/jobs/${id}`)).body

describe('plugin.jobs on the kernel clock', () => {
  it('runs a job enqueued for now once, and shows it completed under its plugin', async () => {
    const { id, created } = await enqueue('record', { hello: 'world' })
    await harness.clock.advance(0)
    await harness.clock.advance(60_000)
    expect(created).toBe(true)
    expect(await runs()).toEqual([expect.objectContaining({ id, name: 'record', payload: { hello: 'world' }, attempt: 1, at: start })])
    expect(await job(id)).toMatchObject({ plugin: 'job-fixture', name: 'record', status: 'completed', attempts: 1 })
  })

  it('runs a job at its runAt and after its delayMs, not a millisecond before', async () => {
    const at = await enqueue('record', 'at', { runAt: start + 60_000 })
    const after = await enqueue('record', 'after', { delayMs: 90_000 })
    await harness.clock.advance(59_999)
    expect(await runs()).toEqual([])
    await harness.clock.advance(1)
    expect((await runs()).map((run) => [run.id, run.at])).toEqual([[at.id, start + 60_000]])
    await harness.clock.advance(29_999)
    expect(await runs()).toHaveLength(1)
    await harness.clock.advance(1)
    expect((await runs()).map((run) => [run.id, run.at])).toEqual([[at.id, start + 60_000], [after.id, start + 90_000]])
  })

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const { id } = await enqueue('flaky', { failTimes: 2 })
    await harness.clock.advance(0)
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'failure number 1', runAt: new Date(start + 1000).toISOString() })
    await harness.clock.advance(999)
    expect(await runs()).toHaveLength(1)
    await harness.clock.advance(1)
    await harness.clock.advance(1999)
    expect(await runs()).toHaveLength(2)
    await harness.clock.advance(1)
    expect((await runs()).map((run) => [run.attempt, run.at - start])).toEqual([[1, 0], [2, 1000], [3, 3000]])
    expect(await job(id)).toMatchObject({ status: 'completed', attempts: 3 })
    const metrics = (await harness.request<string>('GET', '/metrics')).body
    expect(metrics).toContain('waqtor_jobs_attempts_total{plugin="job-fixture",job="flaky",outcome="retry"} 2')
    expect(metrics).toContain('waqtor_jobs_attempts_total{plugin="job-fixture",job="flaky",outcome="completed"} 1')
  })

  it('marks a job failed with its error once attempts run out, and an admin can retry it', async () => {
    const { id } = await enqueue('flaky', { failTimes: 5 }, { maxAttempts: 2 })
    await harness.clock.advance(10_000)
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 2, maxAttempts: 2, lastError: 'failure number 2' })
    await harness.clock.advance(3_600_000)
    expect(await runs()).toHaveLength(2)

    const retried = await harness.request<JobView>('POST', `/api/jobs/${id}/retry`)
    expect(retried.status).toBe(200)
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 })
    await harness.clock.advance(0)
    expect((await runs()).map((run) => run.attempt)).toEqual([1, 2, 1])
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'failure number 1' })
  })

  it('makes enqueue idempotent with a dedupe key while the job is pending, and not after it ran', async () => {
    const first = await enqueue('record', 1, { dedupeKey: 'welcome:966500000001', delayMs: 5000 })
    const again = await enqueue('record', 2, { dedupeKey: 'welcome:966500000001' })
    expect(again).toEqual({ id: first.id, created: false, runAt: start + 5000 })
    await harness.clock.advance(5000)
    const later = await enqueue('record', 3, { dedupeKey: 'welcome:966500000001' })
    await harness.clock.advance(0)
    expect(later.created).toBe(true)
    expect((await runs()).map((run) => run.payload)).toEqual([1, 3])
  })

  it('repeats a cron schedule in its time zone, keeps one schedule per key, and stops when cancelled', async () => {
    // 09:00 in Riyadh (UTC+3) is 06:00 UTC.
    const daily = await call<Enqueued>('schedule', { name: 'tick', cron: '0 9 * * *', payload: { report: 'daily' }, options: { key: 'daily-report', timezone: 'Asia/Riyadh' } })
    expect(daily.runAt).toBe(start + 6 * 3_600_000)
    const again = await call<Enqueued>('schedule', { name: 'tick', cron: '0 9 * * *', payload: { report: 'daily' }, options: { key: 'daily-report', timezone: 'Asia/Riyadh' } })
    expect(again).toMatchObject({ id: daily.id, created: false, runAt: daily.runAt })

    await harness.clock.advance(6 * 3_600_000 - 1)
    expect(await runs()).toEqual([])
    await harness.clock.advance(1)
    await harness.clock.advance(24 * 3_600_000)
    expect((await runs()).map((run) => new Date(run.at).toISOString())).toEqual(['2026-03-01T06:00:00.000Z', '2026-03-02T06:00:00.000Z'])
    expect(await job(daily.id)).toMatchObject({ status: 'pending', cron: '0 9 * * *', runAt: '2026-03-03T06:00:00.000Z' })

    expect(await call('cancel', { key: 'daily-report' })).toEqual({ cancelled: 1 })
    await harness.clock.advance(3 * 24 * 3_600_000)
    expect(await runs()).toHaveLength(2)
    expect((await job(daily.id)).status).toBe('cancelled')
  })

  it('refuses what it cannot run, naming the problem', async () => {
    const refused = async (route: string, body: unknown) => (await harness.request<{ error: { code: string; message: string } }>('POST', `/api/plugins/job-fixture/${route}`, { body })).body.error
    expect(await refused('enqueue', { name: 'nobody-defined-this', payload: {} })).toMatchObject({ code: 'JOB_NOT_DEFINED' })
    expect(await refused('enqueue', { name: 'record', payload: {}, options: { delayMs: -5 } })).toMatchObject({ code: 'JOB_ENQUEUE_INVALID', message: expect.stringContaining('options.delayMs') })
    expect(await refused('enqueue', { name: 'record', payload: {}, options: { runAt: start, delayMs: 5 } })).toMatchObject({ code: 'JOB_ENQUEUE_INVALID', message: expect.stringContaining('options.delayMs') })
    expect(await refused('schedule', { name: 'tick', cron: '61 * * * *', payload: {}, options: { key: 'k' } })).toMatchObject({ code: 'JOB_CRON_INVALID' })
    expect(await refused('schedule', { name: 'tick', cron: '* * * * *', payload: {}, options: { key: 'k', timezone: 'Mars/Olympus' } })).toMatchObject({ code: 'JOB_CRON_INVALID', message: expect.stringContaining('timezone') })
    expect(await refused('schedule', { name: 'tick', cron: '* * * * *', payload: {} })).toMatchObject({ code: 'JOB_SCHEDULE_INVALID', message: expect.stringContaining('options.key') })
  })

  it('hands a running job back at shutdown and runs it again after the restart, without counting that attempt', async () => {
    const { id } = await enqueue('hold', { holdMs: 60_000 })
    await harness.clock.advance(0)
    expect(await job(id)).toMatchObject({ status: 'running', attempts: 1 })
    harness = await harness.restart()
    await harness.clock.advance(0)
    expect(await job(id)).toMatchObject({ status: 'running', attempts: 1 })
    expect((await runs()).map((run) => run.attempt)).toEqual([1])
    await harness.clock.advance(60_000)
    expect(await job(id)).toMatchObject({ status: 'completed', attempts: 1 })
  })

  it('renews the lease of a long job so nobody takes it over, and stops a job whose lease another node took', async () => {
    // Leases last 30 s by default and are renewed every 10 s while the handler runs.
    const { id } = await enqueue('hold', { holdMs: 95_000 })
    await harness.clock.advance(90_000)
    const held = await job(id)
    expect(held).toMatchObject({ status: 'running', attempts: 1 })
    expect(Date.parse((held as unknown as { leaseUntil: string }).leaseUntil)).toBeGreaterThan(start + 90_000)
    expect(await runs()).toHaveLength(1)
    await harness.clock.advance(10_000)
    expect(await job(id)).toMatchObject({ status: 'completed', attempts: 1 })

    // `hold` runs one job at a time: this one starts now.
    const { id: taken } = await enqueue('hold', { holdMs: 600_000 })
    await harness.clock.advance(0)
    await harness.kernel.orm.em.getConnection().execute(`update jobs set lease_owner = 'another-node', claim_token = 'theirs' where id = ?`, [taken])
    await harness.clock.advance(10_000)
    expect(await job(taken)).toMatchObject({ status: 'running', leaseOwner: 'another-node' })
    // Its renewal failed there and aborted its handler, freeing the only `hold` slot. The other node
    // never renews either: when that lease runs out, this node takes the job over as attempt 2.
    await harness.clock.advance(40_000)
    expect(await job(taken)).toMatchObject({ status: 'running', attempts: 2, leaseOwner: harness.kernel.jobs.nodeId })
    expect((await runs()).filter((run) => run.id === taken).map((run) => run.attempt)).toEqual([1, 2])
  })
})
