import { z } from 'zod'
import { NotFoundError } from '../errors/app-error.ts'
import type { ApiRouter } from '../http/api-router.ts'
import type { JobCursor } from './job-store.ts'
import type { JobService } from './job-service.ts'
import { jobStatuses, type JobRecord } from './job-types.ts'

const tags = ['jobs']
const admins = ['admin'] as const

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export const jobView = z.object({
  id: z.string(),
  plugin: z.string(),
  name: z.string(),
  status: z.enum(jobStatuses),
  payload: z.unknown(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  dedupeKey: z.string().nullable(),
  cron: z.string().nullable(),
  timezone: z.string().nullable(),
  leaseOwner: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
})

export function toJobView(job: JobRecord): z.infer<typeof jobView> {
  return {
    id: job.id,
    plugin: job.pluginId,
    name: job.name,
    status: job.status,
    payload: job.payload,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runAt: new Date(job.runAt).toISOString(),
    dedupeKey: job.dedupeKey,
    cron: job.cron,
    timezone: job.timezone,
    leaseOwner: job.leaseOwner,
    leaseUntil: iso(job.leaseUntil),
    lastError: job.lastError,
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString(),
    finishedAt: iso(job.finishedAt),
  }
}

function encodeCursor(cursor: JobCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url')
}

/** An opaque `nextCursor` from a previous page; anything else is a 400 naming the field. */
const cursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx): JobCursor => {
    const [createdAt, id, ...rest] = /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url').toString('utf8').split('|') : []
    if (createdAt && id && rest.length === 0 && /^\d{1,16}$/.test(createdAt) && id.length <= 64) return { createdAt: Number(createdAt), id }
    ctx.addIssue({ code: 'custom', message: 'is not a nextCursor returned by a previous page' })
    return z.NEVER
  })

const idParams = z.object({ id: z.string().min(1).max(64) })

/** Jobs of every plugin, for admins: the list, retrying a failed job, cancelling a pending one. */
export function registerJobRoutes({ api, jobs }: { api: ApiRouter; jobs: JobService }): void {
  api.route({
    method: 'get',
    path: '/jobs',
    summary: 'Background jobs of all plugins, newest first',
    description: "Pages with `cursor` = the previous page's `nextCursor` (null on the last page). Admins only.",
    tags,
    access: admins,
    query: z.object({
      status: z.enum(jobStatuses).optional(),
      plugin: z.string().min(1).max(64).optional(),
      name: z.string().min(1).max(100).optional(),
      cursor: cursorSchema.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.object({ items: z.array(jobView), nextCursor: z.string().nullable() }),
    async handler(_ctx, { query }) {
      const page = await jobs.store.list({ status: query.status, pluginId: query.plugin, name: query.name }, query.cursor, query.limit)
      return { items: page.items.map(toJobView), nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  })

  api.route({
    method: 'get',
    path: '/jobs/:id',
    summary: 'One background job',
    tags,
    access: admins,
    params: idParams,
    response: jobView,
    errors: { 404: 'No such job' },
    async handler(_ctx, { params }) {
      const job = await jobs.store.get(params.id)
      if (!job) throw new NotFoundError('JOB_NOT_FOUND', `job ${params.id}`)
      return toJobView(job)
    },
  })

  api.route({
    method: 'post',
    path: '/jobs/:id/retry',
    summary: 'Run a failed job again, from its first attempt, now',
    tags,
    access: admins,
    params: idParams,
    response: jobView,
    errors: { 404: 'No such job', 409: 'The job is not failed, or another job holds its dedupe key' },
    async handler(_ctx, { params }) {
      const job = await jobs.store.retry(params.id)
      jobs.runner.wake(job.runAt)
      return toJobView(job)
    },
  })

  api.route({
    method: 'delete',
    path: '/jobs/:id',
    summary: 'Cancel a pending job (a schedule stops repeating)',
    tags,
    access: admins,
    params: idParams,
    response: jobView,
    errors: { 404: 'No such job', 409: 'The job is not pending' },
    async handler(_ctx, { params }) {
      return toJobView(await jobs.store.cancel(params.id))
    },
  })
}
