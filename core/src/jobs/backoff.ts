import type { JobBackoff } from './job-types.ts'

export const defaultBackoff = { baseMs: 1_000, maxMs: 60 * 60 * 1_000 }

/** How long to wait before the attempt after `failedAttempt` (1 for the first): exponential unless the definition says otherwise. */
export function retryDelayMs(backoff: JobBackoff | undefined, failedAttempt: number): number {
  if (typeof backoff === 'function') {
    const delay = Number(backoff(failedAttempt))
    return Number.isFinite(delay) && delay > 0 ? delay : 0
  }
  const baseMs = backoff?.baseMs ?? defaultBackoff.baseMs
  const maxMs = backoff?.maxMs ?? defaultBackoff.maxMs
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempt - 1))
}
