import type { MikroORM } from '@mikro-orm/core'
import type { DatabasePlatform } from '../db/migration.ts'
import type { JobRow } from './job-row.ts'

/**
 * The runner's hot paths in plain SQL, valid on SQLite and PostgreSQL. Every write after a claim
 * names the claim's token, so a node that lost its lease (it expired and another node took the
 * job) changes nothing.
 */

export interface JobQueueKey {
  pluginId: string
  name: string
}

export interface ClaimInput extends JobQueueKey {
  limit: number
  now: number
  leaseUntil: number
  owner: string
  token: string
}

type Execute = <T>(sql: string, params: unknown[]) => Promise<T>

export class JobSql {
  private readonly execute: Execute

  constructor(
    orm: MikroORM,
    private readonly platform: DatabasePlatform,
  ) {
    this.execute = <T>(sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params, 'all') as Promise<T>
  }

  /**
   * Takes up to `limit` due jobs of one name: pending ones whose time has come, and running ones
   * whose lease expired (their node died), oldest first. PostgreSQL skips rows another node is
   * claiming at this moment; SQLite runs one writing statement at a time, so the conditional update
   * is atomic there. The attempt is counted at claim time: a node killed mid-run still used it.
   */
  async claim(input: ClaimInput): Promise<JobRow[]> {
    const lock = this.platform === 'postgresql' ? ' for update skip locked' : ''
    return this.execute<JobRow[]>(
      `update jobs set status = 'running', attempts = attempts + 1, lease_owner = ?, claim_token = ?, lease_until = ?, updated_at = ?
       where id in (
         select id from jobs
         where plugin_id = ? and name = ?
           and ((status = 'pending' and run_at <= ?) or (status = 'running' and lease_until < ? and (attempts < max_attempts or cron is not null)))
         order by run_at, id limit ?${lock})
       returning *`,
      [input.owner, input.token, input.leaseUntil, input.now, input.pluginId, input.name, input.now, input.now, input.limit],
    )
  }

  /** Extends a running job's lease; false when this claim no longer holds the job. */
  async renew(id: string, token: string, leaseUntil: number, now: number): Promise<boolean> {
    const rows = await this.execute<unknown[]>(
      `update jobs set lease_until = ?, updated_at = ? where id = ? and claim_token = ? and status = 'running' returning id`,
      [leaseUntil, now, id, token],
    )
    return rows.length > 0
  }

  /** Done: `completed`, or for a schedule whose cron is still set, pending again at `nextRunAt`. */
  async complete(id: string, token: string, now: number, nextRunAt: number | null): Promise<boolean> {
    const set =
      nextRunAt === null
        ? `status = 'completed', finished_at = cast(? as bigint)`
        : `status = case when cron is not null then 'pending' else 'completed' end,
           run_at = case when cron is not null then cast(? as bigint) else run_at end,
           attempts = case when cron is not null then 0 else attempts end,
           finished_at = case when cron is not null then null else cast(? as bigint) end`
    const rows = await this.execute<unknown[]>(
      `update jobs set ${set}, lease_owner = null, claim_token = null, lease_until = null, updated_at = ?
       where id = ? and claim_token = ? and status = 'running' returning id`,
      [...(nextRunAt === null ? [now] : [nextRunAt, now]), now, id, token],
    )
    return rows.length > 0
  }

  /** Records many one-off jobs `completed` in one statement, each only if its claim still holds it. */
  async completeMany(done: ReadonlyArray<{ id: string; token: string; at: number }>): Promise<void> {
    if (done.length === 0) return
    const values = done.map(() => '(?, ?, cast(? as bigint))').join(', ')
    await this.execute(
      `update jobs set status = 'completed', finished_at = v.column3, updated_at = v.column3, lease_owner = null, claim_token = null, lease_until = null
       from (values ${values}) as v
       where jobs.id = v.column1 and jobs.claim_token = v.column2 and jobs.status = 'running' returning jobs.id`,
      done.flatMap(({ id, token, at }) => [id, token, at]),
    )
  }

  /**
   * The handler threw. With attempts left: pending at `retryAt`. Without: `failed` with the error,
   * or for a schedule, pending at its next occurrence (`nextRunAt`) with the error kept.
   */
  async fail(id: string, token: string, error: string, now: number, retryAt: number | null, nextRunAt: number | null): Promise<boolean> {
    const set =
      retryAt !== null
        ? `status = 'pending', run_at = cast(? as bigint), finished_at = null`
        : nextRunAt !== null
          ? `status = 'pending', run_at = cast(? as bigint), attempts = 0, finished_at = null`
          : `status = 'failed', finished_at = cast(? as bigint)`
    const rows = await this.execute<unknown[]>(
      `update jobs set ${set}, last_error = ?, lease_owner = null, claim_token = null, lease_until = null, updated_at = ?
       where id = ? and claim_token = ? and status = 'running' returning id`,
      [retryAt ?? nextRunAt ?? now, error, now, id, token],
    )
    return rows.length > 0
  }

  /** Stopping: give a job back untouched (its attempt is not counted) so it runs again soon, here or elsewhere. */
  async release(id: string, token: string, now: number): Promise<void> {
    await this.execute(
      `update jobs set status = 'pending', attempts = case when attempts > 0 then attempts - 1 else 0 end,
         lease_owner = null, claim_token = null, lease_until = null, updated_at = ?
       where id = ? and claim_token = ? and status = 'running' returning id`,
      [now, id, token],
    )
  }

  /** Running jobs whose node died on their last attempt: failed, with why. */
  async failExpired(now: number): Promise<number> {
    const rows = await this.execute<unknown[]>(
      `update jobs set status = 'failed', last_error = ?, finished_at = ?, lease_owner = null, claim_token = null, lease_until = null, updated_at = ?
       where status = 'running' and lease_until < ? and attempts >= max_attempts and cron is null returning id`,
      ['its node stopped answering during the last attempt (lease expired)', now, now, now],
    )
    return rows.length
  }

  /** The earliest time work of these names falls due (a pending run or an expiring lease); null when none. */
  async nextDue(queues: readonly JobQueueKey[]): Promise<number | null> {
    if (queues.length === 0) return null
    const tuples = queues.map(() => '(?, ?)').join(', ')
    const params = queues.flatMap((queue) => [queue.pluginId, queue.name])
    const rows = await this.execute<Array<{ due: number | string | null }>>(
      `select min(case when status = 'pending' then run_at else lease_until + 1 end) as due from jobs
       where status in ('pending', 'running') and (plugin_id, name) in (values ${tuples})`,
      params,
    )
    const due = rows[0]?.due
    return due === null || due === undefined ? null : Number(due)
  }

  /** Removes completed and cancelled jobs finished before `before`. */
  async purgeFinished(before: number): Promise<number> {
    const rows = await this.execute<unknown[]>(
      `delete from jobs where status in ('completed', 'cancelled') and finished_at < ? returning id`,
      [before],
    )
    return rows.length
  }
}
