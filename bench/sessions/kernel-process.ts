/**
 * The kernel under test, alone in its process so that its RSS is its own (the load generator runs
 * in the parent). Started by run.ts through child_process.fork; answers the commands of protocol.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Message } from '../../core/src/db/entities/index.ts'
import { forkSqlEm } from '../../core/src/db/sql-em.ts'
import { createKernel } from '../../core/src/kernel/create-kernel.ts'
import { createLogger } from '../../core/src/logging/create-logger.ts'
import type { KernelCommand, KernelReply } from './protocol.ts'

const reply = (message: KernelReply) => process.send?.(message)
const ackDelaysMs = (process.env.BENCH_ACK_DELAYS_MS ?? '5,10,15,20').split(',').map(Number)

const dataDir = await mkdtemp(path.join(tmpdir(), 'waqtor-bench-'))
const admin = { email: 'bench@bench.local', password: 'bench-admin-password-1234' }
const kernel = createKernel({
  env: {},
  logger: createLogger('silent'),
  overrides: {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminEmail: admin.email,
    adminPassword: admin.password,
    builtinPlugins: false,
    rateLimitPerMinute: 1_000_000,
    busMaxQueued: 1_000_000,
    sandboxAckDelaysMs: ackDelaysMs,
  },
})

/** Garbage-collects (when run with --expose-gc) and reads the process's memory. */
function memory(): KernelReply {
  for (let round = 0; round < 3; round++) globalThis.gc?.()
  const usage = process.memoryUsage()
  return { type: 'memory', rssBytes: usage.rss, heapUsedBytes: usage.heapUsed }
}

let statements = 0
let counting = false
let markedAt = performance.eventLoopUtilization()

/** Starts counting SQL statements and main-thread use afresh (called when a load starts). */
function mark(): KernelReply {
  if (!counting) forkSqlEm(kernel.orm).getConnection().getKnex().on('query', () => void statements++)
  counting = true
  statements = 0
  markedAt = performance.eventLoopUtilization()
  return { type: 'marked' }
}

/** Waits until every sent message has its last ACK and every queued event is handled. */
async function settle(): Promise<KernelReply> {
  const mainThreadBusy = Math.round(performance.eventLoopUtilization(markedAt).utilization * 100) / 100
  const em = () => kernel.orm.em.fork()
  const deadline = Date.now() + 60_000
  while ((await em().count(Message, { fromMe: true, ack: { $gte: 0, $lt: 3 } })) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  for (const runtime of [...kernel.manager.runtimes()]) await kernel.manager.settled(runtime.clientId)
  await kernel.bus.idle()
  return { type: 'settled', messages: await em().count(Message, {}), statements, mainThreadBusy }
}

process.on('message', (command: KernelCommand) => {
  const handle = async (): Promise<KernelReply> => {
    if (command.type === 'memory') return memory()
    if (command.type === 'mark') return mark()
    if (command.type === 'settle') return settle()
    await kernel.stop()
    await rm(dataDir, { recursive: true, force: true })
    return { type: 'stopped' }
  }
  handle().then(
    (answer) => {
      reply(answer)
      if (answer.type === 'stopped') process.disconnect()
    },
    (error: unknown) => reply({ type: 'error', message: (error as Error).stack ?? String(error) }),
  )
})

await kernel.start()
if (process.env.BENCH_SQLITE_SYNCHRONOUS) await kernel.orm.em.getConnection().execute(`pragma synchronous = ${process.env.BENCH_SQLITE_SYNCHRONOUS}`)
reply({ type: 'started', url: kernel.url, email: admin.email, password: admin.password })
