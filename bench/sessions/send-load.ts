import type { ApiClient } from './http-client.ts'

/** `peer`: each session sends to the next session's number (the only one to itself). `external`: to a number no session holds. */
export type LoadTarget = 'peer' | 'external'

/** Not a sandbox session's number (those start 155501), so no session receives these messages. */
const externalNumber = '15559990000'

export interface LoadResult {
  /** Sends answered 201 within the measured window. */
  completed: number
  /** Sends answered 201 in all, warm-up and drain included. */
  sent: number
  errors: number
  seconds: number
  latenciesMs: number[]
}

/**
 * Every session sends text with `inFlight` requests outstanding, for `warmupMs` then `measureMs`.
 * Only sends that complete inside the measured window count.
 */
export async function runSendLoad(client: ApiClient, sessions: Array<{ clientId: string; phone: string }>, options: { target: LoadTarget; inFlight: number; warmupMs: number; measureMs: number }): Promise<LoadResult> {
  const startedAt = performance.now()
  const windowStart = startedAt + options.warmupMs
  const windowEnd = windowStart + options.measureMs
  const result: LoadResult = { completed: 0, sent: 0, errors: 0, seconds: options.measureMs / 1000, latenciesMs: [] }
  let sequence = 0

  const worker = async (from: string, to: string) => {
    while (performance.now() < windowEnd) {
      const sentAt = performance.now()
      const response = await client.request('POST', `/api/messages/send-text?clientId=${from}`, { to, text: `bench ${++sequence}` })
      const doneAt = performance.now()
      if (response.status === 201) result.sent++
      if (doneAt < windowStart || doneAt > windowEnd) continue
      if (response.status !== 201) {
        result.errors++
        continue
      }
      result.completed++
      result.latenciesMs.push(doneAt - sentAt)
    }
  }

  const workers = sessions.flatMap((session, index) => {
    const to = options.target === 'external' ? externalNumber : sessions[(index + 1) % sessions.length]!.phone
    return Array.from({ length: options.inFlight }, () => worker(session.clientId, to))
  })
  await Promise.all(workers)
  return result
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!
}
