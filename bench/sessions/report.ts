import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { LoadTarget } from './send-load.ts'

export interface SessionRow {
  sessions: number
  target: LoadTarget
  messagesPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  /** SQL statements the kernel ran per message sent (its ingest, its ACKs, a receiving session's copy). */
  statementsPerMessage: number
  /** Share of the load's time the kernel's main thread was busy (event-loop utilization). */
  mainThreadBusy: number
}

export interface MemoryRow {
  sessions: number
  baselineRssMb: number
  /** (RSS with the sessions created, before sending − baseline) / sessions. */
  idleRssPerSessionMb: number
  /** (RSS after both loads, settled − baseline) / sessions: the figure the target is about. */
  rssPerSessionMb: number
}

export interface Targets {
  /** Aggregate messages/s of the most sessions over 1 session's, per load target. */
  throughputRatio: Record<LoadTarget, number>
  throughputMet: Record<LoadTarget, boolean>
  rssPerSessionMb: number
  rssMet: boolean
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

export function targetsOf(rows: SessionRow[], memory: MemoryRow[]): Targets {
  const most = Math.max(...rows.map((row) => row.sessions))
  const ratio = (target: LoadTarget) => {
    const rate = (sessions: number) => rows.find((row) => row.sessions === sessions && row.target === target)?.messagesPerSecond ?? Number.NaN
    return round(rate(most) / rate(1), 3)
  }
  const throughputRatio = { peer: ratio('peer'), external: ratio('external') }
  const rssPerSessionMb = memory.find((row) => row.sessions === most)?.rssPerSessionMb ?? Number.NaN
  return {
    throughputRatio,
    throughputMet: { peer: throughputRatio.peer >= 0.9, external: throughputRatio.external >= 0.9 },
    rssPerSessionMb,
    rssMet: rssPerSessionMb <= 5,
  }
}

function table(header: string[], lines: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)))
  const format = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ')
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)]
}

export function printReport(rows: SessionRow[], memory: MemoryRow[], targets: Targets, settings: Record<string, unknown>): void {
  const most = Math.max(...rows.map((row) => row.sessions))
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED')
  const out = [
    `WaQtor sessions bench — ${JSON.stringify(settings)}`,
    '',
    'throughput (send-text over HTTP, saturated: every session keeps its in-flight budget full)',
    ...table(
      ['sessions', 'sending to', 'msg/s', 'p50 ms', 'p99 ms', 'errors', 'SQL/msg', 'main thread busy'],
      rows.map((row) => [row.sessions, row.target === 'peer' ? 'next session' : 'outside number', row.messagesPerSecond, row.p50Ms, row.p99Ms, row.errors, row.statementsPerMessage, `${Math.round(row.mainThreadBusy * 100)}%`].map(String)),
    ),
    '',
    'memory (kernel process alone; RSS after GC)',
    ...table(
      ['sessions', 'baseline RSS MB', 'MB/session idle', 'MB/session after sending'],
      memory.map((row) => [row.sessions, row.baselineRssMb, row.idleRssPerSessionMb, row.rssPerSessionMb].map(String)),
    ),
    '',
    `aggregate messages/s, ${most} sessions / 1 session (target ≥ 0.9, within 10%):`,
    `  sending to the next session: ${targets.throughputRatio.peer} ${met(targets.throughputMet.peer)} (1 session sends to itself: nothing is received, less work per message)`,
    `  sending to an outside number (same work per message at every size): ${targets.throughputRatio.external} ${met(targets.throughputMet.external)}`,
    `kernel overhead per sandbox session, ${most} sessions, after sending: ${targets.rssPerSessionMb} MB (target ≤ 5 MB): ${met(targets.rssMet)}`,
  ]
  process.stdout.write(`${out.join('\n')}\n`)
}

export async function writeResults(file: string, report: { rows: SessionRow[]; memory: MemoryRow[]; targets: Targets; settings: Record<string, unknown> }): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, totalMemoryMb: Math.round(os.totalmem() / 1048576), loadAverage: os.loadavg().map((load) => round(load, 2)) }
  await writeFile(file, `${JSON.stringify({ bench: 'sessions', at: new Date().toISOString(), machine, ...report }, null, 2)}\n`)
}
