/**
 * Durable jobs benchmark: a real kernel (SQLite file in WAL mode, then a scratch PostgreSQL
 * database) runs BENCH_JOBS jobs that do nothing, with 1 and with 4 workers (`jobsConcurrency`).
 * Every job is claimed with a lease, run and recorded as the kernel does it for plugins; the figure
 * is jobs/s from the moment they fall due until the last one is recorded completed.
 *
 *   npm run bench:jobs   (BENCH_JOBS, BENCH_POSTGRES_URL: postgres://postgres@127.0.0.1:5432/test; "off" skips PostgreSQL)
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestKernel, type TestKernel } from '@waqtor/core/testing'

const jobs = numberFrom('BENCH_JOBS', 2000)
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const pluginDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plugin')
/** Jobs are enqueued for an hour later, then all made due at once: enqueueing is not part of the run figure. */
const laterMs = 3_600_000

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

interface Figures {
  database: string
  workers: number
  enqueuedPerSecond: number
  ranPerSecond: number
  completed: number
}

async function completedCount(harness: TestKernel): Promise<number> {
  const rows = await harness.kernel.orm.em.getConnection().execute<Array<{ done: number | string }>>(`select count(*) as done from jobs where status = 'completed'`)
  return Number(rows[0]?.done ?? 0)
}

async function measure(database: string, workers: number): Promise<Figures> {
  const harness = await createTestKernel({ pluginDirs: [pluginDir], config: { jobsConcurrency: workers, jobsPollIntervalMs: 1000 } })
  try {
    const enqueueStarted = performance.now()
    for (let offset = 0; offset < jobs; offset += 100) {
      const batch = Array.from({ length: Math.min(100, jobs - offset) }, (_, index) => harness.kernel.jobs.enqueue('jobs-bench', 'noop', { n: offset + index }, { delayMs: laterMs }))
      await Promise.all(batch)
    }
    const enqueueSeconds = (performance.now() - enqueueStarted) / 1000
    const now = Date.now()
    await harness.kernel.orm.em.getConnection().execute('update jobs set run_at = ?', [now])
    const started = performance.now()
    harness.kernel.jobs.runner.wake(now)
    let completed = 0
    while (completed < jobs && performance.now() - started < 600_000) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      completed = await completedCount(harness)
    }
    const seconds = (performance.now() - started) / 1000
    return { database, workers, enqueuedPerSecond: jobs / enqueueSeconds, ranPerSecond: completed / seconds, completed }
  } finally {
    await harness.close()
  }
}

async function main(): Promise<void> {
  const rows: Figures[] = []
  const targets: Array<[string, string | undefined]> = [['SQLite (WAL)', undefined]]
  if (postgresUrl !== 'off') targets.push(['PostgreSQL', postgresUrl])
  for (const [label, url] of targets) {
    if (url) process.env.WAQTOR_TEST_DATABASE_URL = url
    else delete process.env.WAQTOR_TEST_DATABASE_URL
    for (const workers of [1, 4]) rows.push(await measure(label, workers))
  }
  print(`jobs benchmark: ${jobs} jobs that do nothing, due at once; node ${process.version}`)
  print('')
  print('| database | workers | enqueued/s | claimed and run/s | completed |')
  print('|---|---:|---:|---:|---:|')
  for (const row of rows) {
    print(`| ${row.database} | ${row.workers} | ${row.enqueuedPerSecond.toFixed(0)} | ${row.ranPerSecond.toFixed(0)} | ${row.completed} / ${jobs} |`)
  }
  const ratio = (database: string) => {
    const [one, four] = [1, 4].map((workers) => rows.find((row) => row.database === database && row.workers === workers)?.ranPerSecond ?? Number.NaN)
    return (four as number) / (one as number)
  }
  print('')
  for (const [label] of targets) print(`${label}: 4 workers run ${ratio(label).toFixed(2)}x the jobs/s of 1`)
}

await main()
