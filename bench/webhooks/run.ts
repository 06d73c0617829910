/**
 * Webhook delivery benchmark: a real kernel with the webhooks plugin (durable queue in SQLite, or
 * PostgreSQL with WAQTOR_TEST_DATABASE_URL) delivering to a local receiver on 127.0.0.1.
 *  1. sustained: events emitted at a fixed rate for BENCH_SECONDS, to 1 and to 50 subscriptions;
 *     delivered/s over the whole run (until the last arrival) and delay event -> arrival;
 *  2. outage: the receiver is down for BENCH_OUTAGE_SECONDS while events keep coming, then up;
 *     backlog drain rate from the moment it is back.
 *
 *   npm run bench:webhooks   (BENCH_RATE deliveries/s, BENCH_SECONDS, BENCH_OUTAGE_SECONDS, BENCH_CONCURRENCY)
 */
import { messageReceived } from '@waqtor/core'
import { createTestKernel, type TestKernel } from '@waqtor/core/testing'
import { RemoteReceiver } from './remote-receiver.ts'
import { percentile, print, printSustained, type SustainedFigures } from './figures.ts'

const rate = numberFrom('BENCH_RATE', 1200)
const seconds = numberFrom('BENCH_SECONDS', 10)
const outageSeconds = numberFrom('BENCH_OUTAGE_SECONDS', 60)
const concurrency = numberFrom('BENCH_CONCURRENCY', 16)
const tickMs = 20

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

let sequence = 0

/** Emits `eventsPerSecond` message events for `durationMs`, spread over 100 chats. */
async function emitAtRate(harness: TestKernel, eventsPerSecond: number, durationMs: number): Promise<number> {
  const started = Date.now()
  let emitted = 0
  while (Date.now() - started < durationMs) {
    const due = Math.floor(((Date.now() - started) / 1000) * eventsPerSecond)
    const batch: Array<Promise<void>> = []
    for (; emitted < due; emitted++) {
      const n = ++sequence
      const chatId = `9665${String(n % 100).padStart(8, '0')}@c.us`
      batch.push(harness.kernel.bus.emit(messageReceived, {
        sessionId: 'bench', messageId: `b-${n}`, chatId, from: chatId, to: 'me@c.us', type: 'chat', body: `message ${n}`, timestamp: new Date().toISOString(), fromMe: false,
      }))
    }
    await Promise.all(batch)
    await new Promise((resolve) => setTimeout(resolve, tickMs))
  }
  return emitted
}

/** Polls the receiver until it has `count` distinct deliveries (or the deadline passes); its last stats. */
async function waitForDeliveries(receiver: RemoteReceiver, count: number, deadlineMs: number) {
  const until = Date.now() + deadlineMs
  for (;;) {
    const stats = await receiver.stats()
    if (stats.seen >= count || Date.now() > until) return stats
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function subscribeAll(harness: TestKernel, url: string, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index++) {
    const created = await harness.request<{ id: string }>('POST', '/api/plugins/webhooks/subscriptions', { body: { url: `${url}?s=${index}`, events: ['message.received'] } })
    if (created.status !== 201) throw new Error(`subscribe failed: ${created.status} ${JSON.stringify(created.body)}`)
    ids.push(created.body.id)
  }
  return ids
}

async function removeAll(harness: TestKernel, ids: readonly string[]): Promise<void> {
  for (const id of ids) await harness.request('DELETE', `/api/plugins/webhooks/subscriptions/${id}`)
}

async function sustained(harness: TestKernel, receiver: RemoteReceiver, subscriptions: number): Promise<SustainedFigures> {
  await receiver.command('reset')
  const ids = await subscribeAll(harness, receiver.url, subscriptions)
  const started = Date.now()
  const events = await emitAtRate(harness, rate / subscriptions, seconds * 1000)
  const expected = events * subscriptions
  const stats = await waitForDeliveries(receiver, expected, 300_000)
  const elapsed = (stats.lastArrival - started) / 1000
  await removeAll(harness, ids)
  return {
    label: `${subscriptions} subscription${subscriptions > 1 ? 's' : ''}`,
    offeredPerSecond: rate,
    deliveredPerSecond: stats.seen / elapsed,
    delivered: stats.seen,
    expected,
    p50Ms: percentile(stats.delaysMs, 0.5),
    p99Ms: percentile(stats.delaysMs, 0.99),
    duplicates: stats.duplicates,
  }
}

async function outage(harness: TestKernel, receiver: RemoteReceiver): Promise<void> {
  await receiver.command('reset')
  const ids = await subscribeAll(harness, receiver.url, 1)
  await receiver.command('down')
  const outageRate = Math.min(rate, 500)
  const events = await emitAtRate(harness, outageRate, outageSeconds * 1000)
  await receiver.command('up')
  const back = Date.now()
  const stats = await waitForDeliveries(receiver, events, 600_000)
  const done = stats.seen >= events
  const drainSeconds = (stats.lastArrival - back) / 1000
  print('')
  print(`outage: receiver down ${outageSeconds} s while ${events} events arrived (${outageRate}/s, 1 subscription); back up -> ` +
    `${done ? 'all' : 'NOT all'} ${stats.seen}/${events} delivered in ${drainSeconds.toFixed(1)} s = ${(stats.seen / drainSeconds).toFixed(0)} deliveries/s drain, ${stats.duplicates} duplicates`)
  await removeAll(harness, ids)
}

async function main(): Promise<void> {
  const receiver = await RemoteReceiver.start()
  const harness = await createTestKernel({
    builtinPlugins: true,
    config: { outboundAllowPrivate: true, busMaxQueued: 100_000 },
    // Retries capped at 5 s (50 attempts outlast a 60 s outage), so the backlog drains soon after the receiver is back.
    plugins: { webhooks: { retryBaseMs: 200, retryMaxMs: 5000, maxAttempts: 50, pollIntervalMs: 250, defaultMaxConcurrency: concurrency } },
  })
  if (process.env.BENCH_SQLITE_SYNC) await harness.kernel.orm.em.getConnection().execute(`pragma synchronous = ${process.env.BENCH_SQLITE_SYNC}`)
  try {
    print(`webhooks benchmark: ${process.env.WAQTOR_TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite (WAL)'}; offered ${rate} deliveries/s for ${seconds} s; maxConcurrency ${concurrency} per subscription`)
    const rows = [await sustained(harness, receiver, 1), await sustained(harness, receiver, 50)]
    printSustained(rows)
    await outage(harness, receiver)
  } finally {
    await harness.close()
    receiver.stop()
  }
}

await main()
