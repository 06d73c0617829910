export const jobStatuses = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const
export type JobStatus = (typeof jobStatuses)[number]

/** A stored job as handlers and the API see it. Times are epoch milliseconds of the kernel clock. */
export interface JobRecord {
  id: string
  pluginId: string
  /** The name given to `define`, without the plugin id. */
  name: string
  payload: unknown
  status: JobStatus
  /** Attempts started so far, the current one included. */
  attempts: number
  maxAttempts: number
  runAt: number
  dedupeKey: string | null
  cron: string | null
  timezone: string | null
  leaseOwner: string | null
  leaseUntil: number | null
  lastError: string | null
  createdAt: number
  updatedAt: number
  finishedAt: number | null
}

/** Exponential: the n-th retry waits `baseMs * 2^(n-1)`, at most `maxMs`. Or a function of the attempt that failed. */
export type JobBackoff = { baseMs?: number; maxMs?: number } | ((failedAttempt: number) => number)

export interface JobDefinitionOptions {
  /** Jobs of this name running at once on one node (default 1). */
  concurrency?: number
  /** Attempts after the first when the handler throws (default 3); `enqueue`'s `maxAttempts` overrides. */
  retries?: number
  backoff?: JobBackoff
}

/** What a handler receives. */
export interface JobRun<P = unknown> {
  payload: P
  /** 1 on the first attempt. */
  attempt: number
  /** Aborts when the kernel stops or this node lost the job's lease; stop and throw (the job runs again later). */
  signal: AbortSignal
  job: JobRecord
}

export type JobHandler<P = unknown> = (run: JobRun<P>) => unknown

export interface EnqueueOptions {
  /** When to run: a date or epoch milliseconds (default: now). */
  runAt?: Date | number
  /** Or after this many milliseconds. */
  delayMs?: number
  /** While a job of this plugin with this key is pending or running, enqueueing again returns that job. */
  dedupeKey?: string
  /** Attempts in all, including the first (default: the definition's retries + 1). */
  maxAttempts?: number
}

export interface ScheduleOptions {
  /** Names the schedule: scheduling the same key again replaces it; `cancel(key)` ends it. */
  key: string
  /** IANA time zone the cron expression is read in (default UTC), e.g. `Asia/Riyadh`. */
  timezone?: string
}

export interface EnqueuedJob {
  id: string
  /** False when a pending or running job with the same dedupe key was returned instead. */
  created: boolean
  runAt: number
}

/** `plugin.jobs`: durable background work that survives restarts and runs once across nodes. */
export interface PluginJobs {
  /** Declares a job name and its handler (in `register`). Names are the plugin's own: another plugin's job of the same name is another job. */
  define<P = unknown>(name: string, handler: JobHandler<P>, options?: JobDefinitionOptions): void
  /** Stores a job to run now, at `runAt`, or after `delayMs`. */
  enqueue<P = unknown>(name: string, payload: P, options?: EnqueueOptions): Promise<EnqueuedJob>
  /** A repeating job on a cron expression (5 fields, or 6 with seconds first). */
  schedule<P = unknown>(name: string, cron: string, payload: P, options: ScheduleOptions): Promise<EnqueuedJob>
  /** Cancels this plugin's pending job with this dedupe or schedule key (a running one finishes; a schedule stops repeating). Resolves to how many were cancelled. */
  cancel(key: string): Promise<number>
}
