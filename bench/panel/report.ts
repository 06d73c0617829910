import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { BuildSize, SizeTotals } from './build-size.ts'
import type { ColdRun, FirstLoad, LoadTimings } from './page-loads.ts'

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits
const kb = (bytes: number) => `${round(bytes / 1024)} KB`

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export interface TimingRow {
  metric: string
  medianMs: number
  minMs: number
  maxMs: number
}

/** Median, fastest and slowest of each figure over the cold runs. */
export function timingRows(runs: ColdRun[]): TimingRow[] {
  const row = (metric: string, values: number[]): TimingRow => ({ metric, medianMs: round(median(values)), minMs: round(Math.min(...values)), maxMs: round(Math.max(...values)) })
  const load = (page: string, pick: (run: ColdRun) => LoadTimings, content: string) => [
    row(`${page}: responseEnd`, runs.map((run) => pick(run).responseEnd)),
    row(`${page}: DOMContentLoaded`, runs.map((run) => pick(run).domContentLoaded)),
    row(`${page}: load`, runs.map((run) => pick(run).load)),
    row(`${page}: first-contentful-paint`, runs.map((run) => pick(run).firstContentfulPaint)),
    row(`${page}: ${content}`, runs.map((run) => pick(run).contentVisible)),
  ]
  return [
    ...load('/login', (run) => run.login, 'login form visible'),
    row('login submitted → dashboard content visible', runs.map((run) => run.loginToDashboard)),
    ...load('/ signed in', (run) => run.dashboard, 'dashboard content visible'),
  ]
}

function table(header: string[], lines: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)))
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)]
}

const sizeCells = (label: string, totals: SizeTotals) => [label, String(totals.files), kb(totals.raw), kb(totals.gzip)]

export interface PanelReport {
  build: BuildSize
  firstLoad: { login: FirstLoad; dashboard: FirstLoad }
  timings: TimingRow[]
  settings: Record<string, unknown>
}

export function printReport({ build, firstLoad, timings, settings }: PanelReport, largest: number): void {
  const firstLoadRows = (label: string, load: FirstLoad) => [
    sizeCells(`${label}: everything`, load.totals),
    ...Object.entries(load.byType).map(([type, totals]) => sizeCells(`${label}: ${type}`, totals)),
  ]
  const out = [
    `WaQtor panel bench — ${JSON.stringify(settings)}`,
    '',
    'production build (admin-ui/dist; raw, and gzip level 6 for comparison — the kernel sends brotli or gzip)',
    ...table(['', 'files', 'raw', 'gzip'], [
      sizeCells('JavaScript', build.byKind.js),
      sizeCells('CSS', build.byKind.css),
      sizeCells('fonts', build.byKind.font),
      sizeCells('images', build.byKind.image),
      sizeCells('index.html + what it names (entry, modulepreload, css)', build.entry),
    ]),
    '',
    `largest files`,
    ...table(['file', 'raw', 'gzip'], build.files.filter((file) => file.kind === 'js' || file.kind === 'css').slice(0, largest).map((file) => [file.file, kb(file.raw), kb(file.gzip)])),
    '',
    'first load, cold cache, as Chromium downloaded it (panel files only; lazy chunks the page asked for included)',
    ...table(['', 'files', 'raw', 'gzip'], [...firstLoadRows('/login', firstLoad.login), ...firstLoadRows('/ signed in', firstLoad.dashboard)]),
    `  API calls during the load: /login ${firstLoad.login.apiCalls}, / signed in ${firstLoad.dashboard.apiCalls}`,
    `  sent over the connection (compressed by the kernel): /login ${kb(firstLoad.login.sentBytes)}, / signed in ${kb(firstLoad.dashboard.sentBytes)}`,
    '',
    `load times, ms from the start of navigation (cold cache, fresh context each run, local kernel over loopback)`,
    ...table(['', 'median', 'min', 'max'], timings.map((row) => [row.metric, String(row.medianMs), String(row.minMs), String(row.maxMs)])),
  ]
  process.stdout.write(`${out.join('\n')}\n`)
}

export async function writeResults(file: string, report: PanelReport): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, totalMemoryMb: Math.round(os.totalmem() / 1048576), loadAverage: os.loadavg().map((load) => round(load, 2)) }
  await writeFile(file, `${JSON.stringify({ bench: 'panel', at: new Date().toISOString(), machine, ...report }, null, 2)}\n`)
}
