import type { JobRecord, JobStatus } from './job-types.ts'

/** A `jobs` row as both drivers return it (PostgreSQL gives bigint columns as text). */
export interface JobRow {
  id: string
  plugin_id: string
  name: string
  payload: string
  status: JobStatus
  attempts: number | string
  max_attempts: number | string
  run_at: number | string
  dedupe_key: string | null
  cron: string | null
  timezone: string | null
  lease_owner: string | null
  claim_token: string | null
  lease_until: number | string | null
  last_error: string | null
  created_at: number | string
  updated_at: number | string
  finished_at: number | string | null
}

const numberOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value))

export function toJobRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    pluginId: row.plugin_id,
    name: row.name,
    payload: parsePayload(row.payload),
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: Number(row.run_at),
    dedupeKey: row.dedupe_key,
    cron: row.cron,
    timezone: row.timezone,
    leaseOwner: row.lease_owner,
    leaseUntil: numberOrNull(row.lease_until),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    finishedAt: numberOrNull(row.finished_at),
  }
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** The most of an error message kept on a job. */
export const maxErrorLength = 4000

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength - 1)}…` : text
}
