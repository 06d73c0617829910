/** A background job as GET /api/jobs returns it (core/src/jobs/job-routes.ts). */
export const jobStatuses = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const
export type JobStatus = (typeof jobStatuses)[number]

export interface BackgroundJob {
  id: string
  plugin: string
  name: string
  status: JobStatus
  payload: unknown
  attempts: number
  maxAttempts: number
  runAt: string
  dedupeKey: string | null
  cron: string | null
  timezone: string | null
  leaseOwner: string | null
  leaseUntil: string | null
  lastError: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

export interface JobPage {
  items: BackgroundJob[]
  nextCursor: string | null
}

export const jobStatusSeverity: Record<JobStatus, 'info' | 'warn' | 'success' | 'danger' | 'secondary'> = {
  pending: 'info',
  running: 'warn',
  completed: 'success',
  failed: 'danger',
  cancelled: 'secondary',
}
