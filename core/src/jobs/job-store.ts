import { randomUUID } from 'node:crypto'
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core'
import type { Clock } from '../clock/index.ts'
import { ConflictError, NotFoundError } from '../errors/app-error.ts'
import type { CronSchedule } from './cron.ts'
import { toJobRecord, type JobRow } from './job-row.ts'
import type { JobRecord, JobStatus } from './job-types.ts'

export interface NewJob {
  pluginId: string
  name: string
  payload: string
  runAt: number
  maxAttempts: number
  dedupeKey: string | null
}

export interface JobFilter {
  status?: JobStatus
  pluginId?: string
  name?: string
}

export interface JobCursor {
  createdAt: number
  id: string
}

const columns = 'id, plugin_id, name, payload, status, attempts, max_attempts, run_at, dedupe_key, cron, timezone, created_at, updated_at'

/** Writes and reads of the `jobs` table outside the runner's hot path: enqueue, schedules, the admin API. */
export class JobStore {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  private execute<T>(sql: string, params: unknown[]): Promise<T> {
    return this.orm.em.getConnection().execute(sql, params, 'all') as Promise<T>
  }

  /** Inserts a job; with a dedupe key already held by a pending or running job, returns that job instead. */
  async enqueue(job: NewJob): Promise<{ record: JobRecord; created: boolean }> {
    // A job holding the key may finish between the insert and the look-up: then insert again.
    for (let round = 0; round < 3; round++) {
      const inserted = await this.insert(job, null, null)
      if (inserted) return { record: inserted, created: true }
      const existing = job.dedupeKey === null ? undefined : await this.activeByKey(job.pluginId, job.dedupeKey)
      if (existing) return { record: existing, created: false }
    }
    throw new ConflictError('JOB_DEDUPE_BUSY', `the dedupe key "${job.dedupeKey}" of plugin ${job.pluginId} kept changing hands; try again`)
  }

  /**
   * Creates or updates the schedule `key`: a pending job at the next occurrence. Scheduling again
   * with the same cron keeps the time already planned, so a restart neither skips nor repeats a run.
   */
  async schedule(job: Omit<NewJob, 'runAt' | 'dedupeKey'> & { key: string }, cron: CronSchedule, firstRunAt: number): Promise<{ record: JobRecord; created: boolean }> {
    for (let round = 0; round < 3; round++) {
      const existing = await this.activeByKey(job.pluginId, job.key)
      if (!existing) {
        const inserted = await this.insert({ ...job, dedupeKey: job.key, runAt: firstRunAt }, cron.expression, cron.timezone)
        if (inserted) return { record: inserted, created: true }
        continue
      }
      const replan = existing.status === 'pending' && (existing.cron !== cron.expression || existing.timezone !== cron.timezone)
      const rows = await this.execute<JobRow[]>(
        `update jobs set name = ?, payload = ?, max_attempts = ?, cron = ?, timezone = ?, run_at = ?, updated_at = ?
         where id = ? and status in ('pending', 'running') returning *`,
        [job.name, job.payload, job.maxAttempts, cron.expression, cron.timezone, replan ? firstRunAt : existing.runAt, this.clock.now(), existing.id],
      )
      if (rows[0]) return { record: toJobRecord(rows[0]), created: false }
    }
    throw new ConflictError('JOB_DEDUPE_BUSY', `the schedule "${job.key}" of plugin ${job.pluginId} kept changing hands; try again`)
  }

  /** Cancels the plugin's pending job with this key; a running one finishes but no longer repeats. */
  async cancelByKey(pluginId: string, key: string): Promise<number> {
    const now = this.clock.now()
    const cancelled = await this.execute<unknown[]>(
      `update jobs set status = 'cancelled', finished_at = ?, updated_at = ? where plugin_id = ? and dedupe_key = ? and status = 'pending' returning id`,
      [now, now, pluginId, key],
    )
    const stopped = await this.execute<unknown[]>(
      `update jobs set cron = null, timezone = null, updated_at = ? where plugin_id = ? and dedupe_key = ? and status = 'running' and cron is not null returning id`,
      [now, pluginId, key],
    )
    return cancelled.length + stopped.length
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const rows = await this.execute<JobRow[]>('select * from jobs where id = ?', [id])
    return rows[0] ? toJobRecord(rows[0]) : undefined
  }

  /** Newest first; `limit + 1` rows are read to know whether another page follows. */
  async list(filter: JobFilter, cursor: JobCursor | undefined, limit: number): Promise<{ items: JobRecord[]; next: JobCursor | undefined }> {
    const where: string[] = []
    const params: unknown[] = []
    const add = (condition: string, ...values: unknown[]) => {
      where.push(condition)
      params.push(...values)
    }
    if (filter.status) add('status = ?', filter.status)
    if (filter.pluginId) add('plugin_id = ?', filter.pluginId)
    if (filter.name) add('name = ?', filter.name)
    if (cursor) add('(created_at < ? or (created_at = ? and id < ?))', cursor.createdAt, cursor.createdAt, cursor.id)
    const rows = await this.execute<JobRow[]>(
      `select * from jobs ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, id desc limit ?`,
      [...params, limit + 1],
    )
    const items = rows.slice(0, limit).map(toJobRecord)
    const last = items.at(-1)
    return { items, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : undefined }
  }

  /** A failed job runs again from its first attempt, now. */
  async retry(id: string): Promise<JobRecord> {
    const now = this.clock.now()
    let rows: JobRow[]
    try {
      rows = await this.execute<JobRow[]>(
        `update jobs set status = 'pending', attempts = 0, run_at = ?, finished_at = null, updated_at = ? where id = ? and status = 'failed' returning *`,
        [now, now, id],
      )
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new ConflictError('JOB_DEDUPE_TAKEN', `job ${id} cannot run again: another job with its dedupe key is pending or running`)
      }
      throw error
    }
    if (rows[0]) return toJobRecord(rows[0])
    throw await this.wrongState(id, 'failed', 'JOB_NOT_FAILED', 'only a failed job can be retried')
  }

  /** Cancels a pending job (a schedule stops repeating). */
  async cancel(id: string): Promise<JobRecord> {
    const now = this.clock.now()
    const rows = await this.execute<JobRow[]>(
      `update jobs set status = 'cancelled', finished_at = ?, updated_at = ? where id = ? and status = 'pending' returning *`,
      [now, now, id],
    )
    if (rows[0]) return toJobRecord(rows[0])
    throw await this.wrongState(id, 'pending', 'JOB_NOT_PENDING', 'only a pending job can be cancelled')
  }

  private async wrongState(id: string, wanted: JobStatus, code: string, rule: string): Promise<Error> {
    const job = await this.get(id)
    if (!job) return new NotFoundError('JOB_NOT_FOUND', `job ${id}`)
    return new ConflictError(code, `job ${id} is ${job.status}: ${rule}`, { status: job.status, expected: wanted })
  }

  private async insert(job: NewJob, cron: string | null, timezone: string | null): Promise<JobRecord | undefined> {
    const now = this.clock.now()
    const rows = await this.execute<JobRow[]>(
      `insert into jobs (${columns}) values (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning *`,
      [randomUUID(), job.pluginId, job.name, job.payload, job.maxAttempts, job.runAt, job.dedupeKey, cron, timezone, now, now],
    )
    return rows[0] ? toJobRecord(rows[0]) : undefined
  }

  private async activeByKey(pluginId: string, key: string): Promise<JobRecord | undefined> {
    const rows = await this.execute<JobRow[]>(
      `select * from jobs where plugin_id = ? and dedupe_key = ? and status in ('pending', 'running')`,
      [pluginId, key],
    )
    return rows[0] ? toJobRecord(rows[0]) : undefined
  }
}
