/**
 * Responder chain benchmark: the extra latency the chain adds to an inbound message.
 *   npm run bench:responders   (node --conditions=waqtor-source --import tsx bench/responders/run.ts)
 * Two kernels side by side on the same kind of database: one without responders, one with three
 * (a guard at 100 that passes, a flow at 300 that answers only chats it owns, a bot at 400 that
 * claims), so every message walks the whole chain and reads its chat's owner. Messages come from
 * a sandbox session, one at a time, from BENCH_CHATS chats; each latency is driver -> stored ->
 * emitted -> every bus handler done. The kernels alternate, so load from elsewhere on the machine hits both alike.
 * Then the chain alone (chain-alone.ts), called directly on the same database: its own cost per
 * message, free of the noise of the whole path.
 * SQLite always; PostgreSQL too when WAQTOR_TEST_DATABASE_URL is set (a database the harness may
 * create databases in, e.g. postgres://postgres@127.0.0.1:5432/test).
 * Settings: BENCH_MESSAGES (per kernel, default 3000), BENCH_CHATS (default 50), BENCH_ROUND (messages per turn, default 1: the kernels alternate message by message).
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestKernel, type TestKernel } from '@waqtor/core/testing'
import { timeChainAlone } from './chain-alone.ts'

const messages = numberFrom('BENCH_MESSAGES', 3000)
const chats = numberFrom('BENCH_CHATS', 50)
const round = numberFrom('BENCH_ROUND', 1)
const targetP50Ms = 1
const pluginsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plugins')

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

function percentile(values: readonly number[], rank: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(rank * sorted.length) - 1)] ?? Number.NaN
}

function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

interface Setup {
  label: string
  harness: TestKernel
  latencies: number[]
  sent: number
}

async function start(label: string, withResponders: boolean): Promise<Setup> {
  const harness = await createTestKernel({ pluginDirs: withResponders ? [pluginsDir] : [] })
  await harness.createSession('bench')
  return { label, harness, latencies: [], sent: 0 }
}

/** One inbound message, timed from the driver until every handler of its `message.received` is done. */
async function inbound(setup: Setup): Promise<number> {
  const { kernel } = setup.harness
  const n = setup.sent++
  const from = `9665${String(n % chats).padStart(8, '0')}`
  const driver = kernel.manager.readyDriver('bench') as unknown as { inject(from: string, text: string): unknown }
  const started = performance.now()
  driver.inject(from, `message ${n}`)
  await kernel.manager.settled('bench')
  await kernel.bus.idle()
  return performance.now() - started
}

async function measure(database: string): Promise<{ database: string; bare: Setup; chained: Setup; alone: number[]; uncached: number[] }> {
  const bare = await start('0 responders', false)
  const chained = await start('3 responders', true)
  try {
    // Warm-up: JIT, prepared statements, owner cache.
    for (let index = 0; index < 200; index++) {
      await inbound(bare)
      await inbound(chained)
    }
    bare.latencies.length = 0
    chained.latencies.length = 0
    while (bare.latencies.length < messages) {
      for (const setup of [bare, chained]) {
        for (let index = 0; index < round; index++) setup.latencies.push(await inbound(setup))
      }
    }
    const answered = await chained.harness.request<{ answered: number }>('GET', '/api/plugins/bench-bot/answered')
    if (answered.body.answered !== chained.sent) throw new Error(`the bot answered ${answered.body.answered} of ${chained.sent} messages: the chain did not run`)
    const alone = await timeChainAlone(bare.harness, messages, chats, 1_000)
    const uncached = await timeChainAlone(bare.harness, messages, chats, 0)
    return { database, bare, chained, alone, uncached }
  } finally {
    await bare.harness.close()
    await chained.harness.close()
  }
}

const postgresUrl = process.env.WAQTOR_TEST_DATABASE_URL
const results: Array<Awaited<ReturnType<typeof measure>>> = []
delete process.env.WAQTOR_TEST_DATABASE_URL
print(`responder chain: ${messages} inbound messages per kernel from ${chats} chats, one at a time`)
results.push(await measure('SQLite'))
if (postgresUrl) {
  process.env.WAQTOR_TEST_DATABASE_URL = postgresUrl
  results.push(await measure('PostgreSQL'))
} else {
  print('PostgreSQL skipped: set WAQTOR_TEST_DATABASE_URL to measure it too')
}

print('')
print('| database | responders | p50 ms | p99 ms |')
print('|---|---|---:|---:|')
for (const { database, bare, chained } of results) {
  for (const setup of [bare, chained]) print(`| ${database} | ${setup.label} | ${percentile(setup.latencies, 0.5).toFixed(3)} | ${percentile(setup.latencies, 0.99).toFixed(3)} |`)
}
print('')
print('| database | extra p50 ms (whole path) | extra p99 ms (whole path) | chain alone p50 / p99 ms | chain alone, owner read every message, p50 / p99 ms | target p50 | ratio (chain alone p50 / target) | ratio (uncached p50 / target) |')
print('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const { database, bare, chained, alone, uncached } of results) {
  const extraP50 = percentile(chained.latencies, 0.5) - percentile(bare.latencies, 0.5)
  const extraP99 = percentile(chained.latencies, 0.99) - percentile(bare.latencies, 0.99)
  const aloneP50 = percentile(alone, 0.5)
  const uncachedP50 = percentile(uncached, 0.5)
  const pair = (values: number[]) => `${percentile(values, 0.5).toFixed(3)} / ${percentile(values, 0.99).toFixed(3)}`
  print(`| ${database} | ${extraP50.toFixed(3)} | ${extraP99.toFixed(3)} | ${pair(alone)} | ${pair(uncached)} | < ${targetP50Ms} ms | ${(aloneP50 / targetP50Ms).toFixed(3)} | ${(uncachedP50 / targetP50Ms).toFixed(3)} |`)
}
print('')
print('Whole path: the difference of two medians of the full inbound path (driver, insert, emit, handlers), noisy on a busy machine and possibly negative.')
print('Chain alone: its own cost per message; with the kernel cache a chat owner is read from the database at most once a second.')
