/**
 * Realtime fan-out benchmark: 200 socket.io clients, each watching the `messages` topic of one of
 * 20 sandbox sessions, while every session messages the next one over the HTTP API. Run twice:
 * with topics (each client subscribes to its session) and with every client subscribed to all
 * sessions; prints traffic per client, the saving, and delivery latency (send -> client).
 *
 *   npm run bench:realtime     (BENCH_CLIENTS, BENCH_ROUNDS, BENCH_INTERVAL_MS to change the load)
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createTestKernel, type TestKernel } from '@waqtor/core/testing'
import type { FleetResult, FromFleet, SubscriptionMode, ToFleet } from './bench-protocol.ts'
import { print, printFigures, summarize, type ModeFigures } from './figures.ts'
import { exchangeMessages, type TrafficPlan } from './traffic.ts'

const clientCount = numberFrom('BENCH_CLIENTS', 200)
const sessionCount = 20
const rounds = numberFrom('BENCH_ROUNDS', 10)
const intervalMs = numberFrom('BENCH_INTERVAL_MS', 2000)

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

async function main(): Promise<void> {
  const started = Date.now()
  const harness = await createTestKernel({ config: { sandboxAckDelaysMs: [50, 100, 150, 200], rateLimitPerMinute: 1_000_000, sessionStartConcurrency: 20 } })
  try {
    const sessions = Array.from({ length: sessionCount }, (_, index) => `s${String(index + 1).padStart(2, '0')}`)
    await Promise.all(sessions.map((session) => harness.createSession(session)))
    const phones = new Map<string, string>()
    for (const session of sessions) {
      const detail = await harness.request<{ phone: string | null }>('GET', `/api/sessions/${session}`)
      phones.set(session, `+${detail.body.phone ?? ''}`)
    }
    const plan: TrafficPlan = { sessions, phones, rounds, intervalMs }
    print(`${clientCount} clients, ${sessionCount} sessions, ${rounds} rounds of ${sessionCount} messages every ${intervalMs} ms (${rounds * sessionCount} messages per mode)`)

    const rows: ModeFigures[] = []
    for (const mode of ['topics', 'everything'] as const) rows.push(await runMode(harness, mode, plan))
    printFigures(rows)
    const [topics, everything] = rows as [ModeFigures, ModeFigures]
    const saving = 1 - topics.bytesPerClient / everything.bytesPerClient
    print('')
    print(`traffic per client with topics: ${(saving * 100).toFixed(1)}% less than subscribed to everything (target >= 50%; ${sessionCount} sessions -> ideal ${((1 - 1 / sessionCount) * 100).toFixed(0)}%)`)
    print(`events per client: ${topics.eventsPerClient.toFixed(1)} vs ${everything.eventsPerClient.toFixed(1)} (ratio ${(everything.eventsPerClient / topics.eventsPerClient).toFixed(1)}x)`)
    const server = harness.kernel.realtime.stats.snapshot()
    print(`server: ${server.eventsOut} events / ${(server.bytesOut / 1024 / 1024).toFixed(1)} MiB sent in all, ${server.droppedEvents} dropped, ${server.backpressureDisconnects} backpressure disconnects`)
    print(`run took ${((Date.now() - started) / 1000).toFixed(1)} s`)
    if (saving < 0.5 || rows.some((row) => row.incomplete > 0)) process.exitCode = 1
  } finally {
    await harness.close()
  }
}

async function runMode(harness: TestKernel, mode: SubscriptionMode, plan: TrafficPlan): Promise<ModeFigures> {
  const fleet = fork(fileURLToPath(new URL('./client-fleet.ts', import.meta.url)), [], {
    execArgv: ['--conditions=waqtor-source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => fleet.once('exit', () => resolve()))
  const next = <T extends FromFleet['type']>(type: T) =>
    new Promise<Extract<FromFleet, { type: T }>>((resolve, reject) => {
      fleet.once('exit', (code) => reject(new Error(`the client fleet exited with ${code}`)))
      const listener = (message: FromFleet) => {
        if (message.type !== type) return
        fleet.off('message', listener)
        resolve(message as Extract<FromFleet, { type: T }>)
      }
      fleet.on('message', listener)
    })
  const tell = (message: ToFleet) => fleet.send(message)

  const ready = next('ready')
  tell({ type: 'start', url: harness.url, token: harness.admin.token, clients: clientCount, sessions: plan.sessions, mode })
  await ready
  const started = Date.now()
  const { perSession, emittedAt } = await exchangeMessages(harness, plan)
  const result: Promise<FleetResult> = next('result')
  tell({ type: 'expect', perSession, emittedAt })
  const { clients, delivery, endToEnd, incomplete } = await result
  const seconds = (Date.now() - started) / 1000
  tell({ type: 'close' })
  await exited
  return summarize(mode, clients, { delivery, endToEnd }, incomplete, seconds)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
