export function percentile(values: readonly number[], rank: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(rank * sorted.length) - 1)] ?? Number.NaN
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

export interface SustainedFigures {
  label: string
  offeredPerSecond: number
  deliveredPerSecond: number
  delivered: number
  expected: number
  p50Ms: number
  p99Ms: number
  duplicates: number
}

export function printSustained(rows: readonly SustainedFigures[]): void {
  print('')
  print('| case | offered deliveries/s | delivered/s | delivered / expected | p50 delay ms | p99 delay ms | duplicates |')
  print('|---|---:|---:|---:|---:|---:|---:|')
  for (const row of rows) {
    print(`| ${row.label} | ${row.offeredPerSecond} | ${row.deliveredPerSecond.toFixed(0)} | ${row.delivered} / ${row.expected} | ${row.p50Ms.toFixed(0)} | ${row.p99Ms.toFixed(0)} | ${row.duplicates} |`)
  }
}
