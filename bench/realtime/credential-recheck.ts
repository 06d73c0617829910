/**
 * Cost of checking open sockets' credentials again (core/src/realtime/credential-watch.ts):
 * connects BENCH_SOCKETS clients spread over BENCH_KEYS API keys, then times a full recheck (the
 * periodic one, all keys looked up in a few queries) and the revocation of one key through the API (which
 * checks that key's sockets at once and closes them before answering).
 *
 *   npm run bench:realtime-credentials     (BENCH_SOCKETS=1000, BENCH_KEYS=200, BENCH_RUNS=10)
 */
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { createTestKernel } from '@waqtor/core/testing'
import { io, type Socket } from 'socket.io-client'

const resultsFile = fileURLToPath(new URL('../results/realtime-credentials.json', import.meta.url))

const socketCount = numberFrom('BENCH_SOCKETS', 1000)
const keyCount = numberFrom('BENCH_KEYS', 200)
const runs = numberFrom('BENCH_RUNS', 10)

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

const format = (ms: number) => `${ms.toFixed(1)} ms`
const print = (line: string) => process.stdout.write(`${line}\n`)

async function main(): Promise<void> {
  const harness = await createTestKernel({ config: { rateLimitPerMinute: 1_000_000, realtimeCredentialRecheckSeconds: 86_400 } })
  const sockets: Socket[] = []
  try {
    await harness.createSession('bench')
    const keys = []
    for (let index = 0; index < keyCount; index++) keys.push(await harness.createApiKey('viewer', ['bench']))
    for (let index = 0; index < socketCount; index++) {
      const { key } = keys[index % keys.length]!
      sockets.push(io(`${harness.url}/core`, { auth: { token: key }, transports: ['websocket'], forceNew: true, reconnection: false }))
    }
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('connect_error', reject)
    })))
    print(`${socketCount} sockets over ${keyCount} API keys connected`)

    const rechecks: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      await harness.kernel.realtime.recheckCredentials()
      rechecks.push(performance.now() - started)
    }

    const revocations: number[] = []
    let closed = 0
    for (let run = 0; run < Math.min(runs, keyCount); run++) {
      const { id } = keys[run]!
      const started = performance.now()
      const response = await harness.request('DELETE', `/api/keys/${id}`)
      revocations.push(performance.now() - started)
      if (response.status !== 204) throw new Error(`revoking a key answered ${response.status}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    closed = sockets.filter((socket) => !socket.connected).length
    const expectedClosed = sockets.filter((_, index) => index % keyCount < Math.min(runs, keyCount)).length

    print('')
    print(`full recheck (${keyCount} distinct keys, ${socketCount} sockets): median ${format(median(rechecks))}, min ${format(Math.min(...rechecks))}, max ${format(Math.max(...rechecks))} over ${runs} runs`)
    print(`per distinct key: ${((median(rechecks) / keyCount) * 1000).toFixed(0)} µs; per socket: ${((median(rechecks) / socketCount) * 1000).toFixed(0)} µs`)
    print(`DELETE /api/keys/:id, its sockets closed before the answer: median ${format(median(revocations))}, max ${format(Math.max(...revocations))}`)
    print(`sockets closed: ${closed} of the ${expectedClosed} whose keys were revoked (${socketCount - closed} still open)`)
    const figures = {
      sockets: socketCount,
      keys: keyCount,
      runs,
      recheckMs: { median: median(rechecks), min: Math.min(...rechecks), max: Math.max(...rechecks) },
      revokeMs: { median: median(revocations), max: Math.max(...revocations) },
      closed,
      expectedClosed,
    }
    const machine = { node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg() }
    await mkdir(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true })
    await writeFile(resultsFile, `${JSON.stringify({ bench: 'realtime-credentials', at: new Date().toISOString(), machine, ...figures }, null, 2)}\n`)
    print(`figures written to ${resultsFile}`)
    if (closed !== expectedClosed) process.exitCode = 1
  } finally {
    for (const socket of sockets) socket.disconnect()
    await harness.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
