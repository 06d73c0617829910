import type { ClientFigures } from './bench-protocol.ts'

/** Benchmarks print their figures on stdout (console.log is kept out of the code base by lint). */
export function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

export interface Latency {
  p50: number
  p99: number
  samples: number
}

export interface ModeFigures {
  mode: string
  clients: number
  eventsPerClient: number
  bytesPerClient: number
  totalBytes: number
  delivery: Latency
  endToEnd: Latency
  incomplete: number
  seconds: number
}

export function latencyOf(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN
  return { p50: at(0.5), p99: at(0.99), samples: sorted.length }
}

export function summarize(mode: string, clients: ClientFigures[], latencies: { delivery: number[]; endToEnd: number[] }, incomplete: number, seconds: number): ModeFigures {
  const totalBytes = clients.reduce((sum, client) => sum + client.bytes, 0)
  return {
    mode,
    clients: clients.length,
    eventsPerClient: clients.reduce((sum, client) => sum + client.events, 0) / clients.length,
    bytesPerClient: totalBytes / clients.length,
    totalBytes,
    delivery: latencyOf(latencies.delivery),
    endToEnd: latencyOf(latencies.endToEnd),
    incomplete,
    seconds,
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const ms = (value: number) => `${value.toFixed(1)} ms`

export function printFigures(rows: ModeFigures[]): void {
  print('')
  print('mode        events/client  bytes/client   all clients   bus->client p50 / p99   send->client p50 / p99')
  for (const row of rows) {
    print(
      [
        row.mode.padEnd(11),
        row.eventsPerClient.toFixed(1).padStart(13),
        kib(row.bytesPerClient).padStart(13),
        kib(row.totalBytes).padStart(13),
        `${ms(row.delivery.p50)} / ${ms(row.delivery.p99)}`.padStart(23),
        `${ms(row.endToEnd.p50)} / ${ms(row.endToEnd.p99)}`.padStart(24),
      ].join(' '),
    )
    if (row.incomplete > 0) print(`  ! ${row.incomplete} clients did not receive everything they subscribed to`)
  }
  print('')
  print('bus->client: from the bus event (the realtime forwarder runs in that dispatch) to arrival at the client, every event')
  print('send->client: from the HTTP send request to arrival of message.sent / message.received (includes the API and database)')
}
