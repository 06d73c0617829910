import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/create-test-kernel.ts'
import { createPostgresTestDatabase } from '../testing/test-database.ts'

// Several kernel nodes on one database: a job runs once, and a node that dies hands its job on.
const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../../..')
const fixtures = path.join(here, 'test-fixtures')
const postgresBase = process.env.WAQTOR_TEST_DATABASE_URL
/** Guards against a hang only (the child compiles the kernel with tsx). */
const guardMs = 90_000
const fastJobs = { jobsLeaseMs: 1000, jobsPollIntervalMs: 50 }

interface JobView {
  id: string
  status: string
  attempts: number
  leaseOwner: string | null
}
interface Run {
  id: string
  attempt: number
  node: string
}

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A database both nodes use: a SQLite file, or a fresh PostgreSQL database when the tests run on PostgreSQL. */
async function sharedDatabase(): Promise<{ url: string; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waqtor-jobs-node-'))
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
  if (!postgresBase) return { url: path.join(dataDir, 'shared.sqlite'), dataDir }
  const database = await createPostgresTestDatabase(postgresBase)
  cleanups.push(() => database.drop())
  return { url: database.url, dataDir }
}

async function node(databaseUrl: string): Promise<TestKernel> {
  const harness = await createTestKernel({ pluginDirs: [fixtures], config: { databaseUrl, ...fastJobs } })
  cleanups.push(() => harness.close())
  return harness
}

/** Starts a kernel in a child process that enqueues a job and holds it; resolves once the job runs there. */
function startBlockingChild(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; nodeId: string; jobId: string }> {
  const configFile = path.join(dataDir, 'empty.config.json')
  writeFileSync(configFile, '{}')
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WAQTOR_|PORT$|HOST$|DATABASE_URL$|LOG_LEVEL$|NODE_OPTIONS$)/.test(name)))
  const env = {
    ...inherited, WAQTOR_CONFIG: configFile, WAQTOR_BUILTIN_PLUGINS: 'false', WAQTOR_PLUGIN_DIRS: fixtures, WAQTOR_DATA_DIR: path.join(dataDir, 'child'),
    DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', WAQTOR_JOB_FIXTURE_BLOCK: '1',
    WAQTOR_ADMIN_EMAIL: 'admin@test.local', WAQTOR_ADMIN_PASSWORD: 'test-admin-password-1234',
    WAQTOR_JOBS_LEASE_MS: String(fastJobs.jobsLeaseMs), WAQTOR_JOBS_POLL_INTERVAL_MS: String(fastJobs.jobsPollIntervalMs),
  }
  const child = spawn(process.execPath, ['--conditions=waqtor-source', '--import', 'tsx', path.join(here, 'test-fixtures/job-node.ts')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  let stdout = ''
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the child node did not run its job\nstdout: ${stdout}\nstderr: ${stderr}`)), guardMs)
    child.once('exit', (code) => reject(new Error(`the child node exited (${code})\nstdout: ${stdout}\nstderr: ${stderr}`)))
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const ready = /NODE_READY (\S+) (\S+)/.exec(stdout)
      if (ready && stdout.includes(`JOB_STARTED ${ready[2]} 1`)) {
        clearTimeout(timer)
        resolve({ child, nodeId: ready[1] as string, jobId: ready[2] as string })
      }
    })
  })
}

/** Asks until `check` passes; the guard only stops a hang. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + guardMs
  for (;;) {
    const value = await read()
    if (check(value) || Date.now() > until) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe(`jobs across kernel nodes on one ${postgresBase ? 'PostgreSQL' : 'SQLite'} database`, () => {
  it('runs the job of a node killed with SIGKILL on another node once its lease expires', async () => {
    const { url, dataDir } = await sharedDatabase()
    const { child, nodeId, jobId } = await startBlockingChild(url, dataDir)
    const killed = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await killed

    // The killed node's claim (attempt 1) still holds the job until its lease runs out.
    const survivor = await node(url)
    const job = await eventually(async () => (await survivor.request<JobView>('GET', `/api/jobs/${jobId}`)).body, (view) => view.status === 'completed')
    expect(job).toMatchObject({ status: 'completed', attempts: 2, leaseOwner: null })
    const runs = (await survivor.request<{ runs: Run[] }>('GET', '/api/plugins/job-fixture/runs')).body.runs
    expect(runs).toEqual([expect.objectContaining({ id: jobId, attempt: 2, node: survivor.kernel.jobs.nodeId })])
    expect(survivor.kernel.jobs.nodeId).not.toBe(nodeId)
  })

  it('runs each of many jobs exactly once with two nodes claiming from the same table', async () => {
    const { url } = await sharedDatabase()
    const first = await node(url)
    const second = await node(url)
    const count = 120
    const enqueued = await Promise.all(
      Array.from({ length: count }, (_, index) => (index % 2 === 0 ? first : second).kernel.jobs.enqueue('job-fixture', 'record', { index })),
    )
    const completed = () => first.kernel.orm.em.getConnection().execute<Array<{ done: number | string }>>(`select count(*) as done from jobs where status = 'completed'`)
    await eventually(completed, (rows) => Number(rows[0]?.done) === count)
    await Promise.all([first.kernel.jobs.idle(), second.kernel.jobs.idle()])

    const runsOf = async (harness: TestKernel) => (await harness.request<{ runs: Run[] }>('GET', '/api/plugins/job-fixture/runs')).body.runs
    const [firstRuns, secondRuns] = [await runsOf(first), await runsOf(second)]
    const ran = [...firstRuns, ...secondRuns].map((run) => run.id).sort()
    expect(ran).toEqual(enqueued.map((job) => job.id).sort())
    expect(firstRuns.every((run) => run.node === first.kernel.jobs.nodeId && run.attempt === 1)).toBe(true)
    expect(secondRuns.every((run) => run.node === second.kernel.jobs.nodeId && run.attempt === 1)).toBe(true)
  })
})
