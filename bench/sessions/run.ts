/**
 * Sessions bench: throughput and memory of the kernel with 1, 5, 20 and 50 sandbox sessions.
 *   npm run bench:sessions   (node --conditions=waqtor-source --import tsx bench/sessions/run.ts)
 * Each size gets a fresh kernel (SQLite in a temp folder) in a child process, so its RSS is its own;
 * this process generates the HTTP load: first every session sends to the next session's number,
 * then every session sends to an outside number. Settings (environment): BENCH_SESSIONS=1,5,20,50
 * BENCH_TARGETS=peer,external BENCH_IN_FLIGHT=8 (per session) BENCH_WARMUP_MS=1000 BENCH_MEASURE_MS=6000
 * BENCH_ACK_DELAYS_MS=5,10,15,20;
 * diagnostics: BENCH_CPU_PROF=<dir> (CPU profile of the kernel), BENCH_SQLITE_SYNCHRONOUS=normal.
 */
import { fileURLToPath } from 'node:url'
import { ApiClient } from './http-client.ts'
import { KernelChild } from './kernel-child.ts'
import { printReport, round, targetsOf, writeResults, type MemoryRow, type SessionRow } from './report.ts'
import { percentile, runSendLoad, type LoadTarget } from './send-load.ts'

const numbers = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number)
const settings = {
  sessions: numbers(process.env.BENCH_SESSIONS, '1,5,20,50'),
  inFlightPerSession: Number(process.env.BENCH_IN_FLIGHT ?? 8),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 1000),
  measureMs: Number(process.env.BENCH_MEASURE_MS ?? 6000),
  ackDelaysMs: numbers(process.env.BENCH_ACK_DELAYS_MS, '5,10,15,20'),
  targets: (process.env.BENCH_TARGETS ?? 'peer,external').split(',') as LoadTarget[],
  database: `sqlite (temp file${process.env.BENCH_SQLITE_SYNCHRONOUS ? `, synchronous=${process.env.BENCH_SQLITE_SYNCHRONOUS}` : ''})`,
}
const resultsFile = fileURLToPath(new URL('../results/sessions.json', import.meta.url))
const megabytes = (bytes: number) => bytes / 1048576

async function measure(count: number): Promise<{ rows: SessionRow[]; memory: MemoryRow }> {
  const kernel = await KernelChild.start({ BENCH_ACK_DELAYS_MS: settings.ackDelaysMs.join(',') })
  const client = new ApiClient(kernel.url, count * settings.inFlightPerSession + 4)
  try {
    await client.login(kernel.admin.email, kernel.admin.password)
    const baseline = await kernel.ask({ type: 'memory' }, 'memory')

    const sessions: Array<{ clientId: string; phone: string }> = []
    for (let index = 0; index < count; index++) {
      const created = await client.request<{ phone: string; status: string }>('POST', '/api/sessions/create', { clientId: `bench-${index}`, driver: 'sandbox' })
      if (created.status !== 201 || created.body.status !== 'ready') throw new Error(`creating session ${index} failed: ${created.status} ${JSON.stringify(created.body)}`)
      sessions.push({ clientId: `bench-${index}`, phone: created.body.phone })
    }
    const idle = await kernel.ask({ type: 'memory' }, 'memory')

    const rows: SessionRow[] = []
    for (const target of settings.targets) {
      await kernel.ask({ type: 'mark' }, 'marked')
      const load = await runSendLoad(client, sessions, { target, inFlight: settings.inFlightPerSession, warmupMs: settings.warmupMs, measureMs: settings.measureMs })
      const settled = await kernel.ask({ type: 'settle' }, 'settled')
      const latencies = load.latenciesMs.sort((a, b) => a - b)
      rows.push({
        sessions: count,
        target,
        messagesPerSecond: round(load.completed / load.seconds),
        p50Ms: round(percentile(latencies, 0.5)),
        p99Ms: round(percentile(latencies, 0.99)),
        errors: load.errors,
        statementsPerMessage: round(settled.statements / Math.max(1, load.sent)),
        mainThreadBusy: settled.mainThreadBusy,
      })
    }
    const after = await kernel.ask({ type: 'memory' }, 'memory')
    const perSession = (rssBytes: number) => round(megabytes(rssBytes - baseline.rssBytes) / count, 2)
    return { rows, memory: { sessions: count, baselineRssMb: round(megabytes(baseline.rssBytes)), idleRssPerSessionMb: perSession(idle.rssBytes), rssPerSessionMb: perSession(after.rssBytes) } }
  } finally {
    await client.close()
    await kernel.stop()
  }
}

const rows: SessionRow[] = []
const memory: MemoryRow[] = []
for (const count of settings.sessions) {
  process.stdout.write(`… ${count} session${count === 1 ? '' : 's'}\n`)
  const measured = await measure(count)
  rows.push(...measured.rows)
  memory.push(measured.memory)
}
rows.sort((a, b) => a.target.localeCompare(b.target) * -1 || a.sessions - b.sessions)
const targets = targetsOf(rows, memory)
printReport(rows, memory, targets, settings)
await writeResults(resultsFile, { rows, memory, targets, settings })
process.stdout.write(`figures written to ${resultsFile}\n`)
