import type { MikroORM } from '@mikro-orm/core'
import type { Registry } from 'prom-client'
import { z } from 'zod'
import { ManualClock, type Clock } from '../clock/index.ts'
import type { DatabasePlatform } from '../db/migration.ts'
import { toFieldIssues } from '../http/zod-issues.ts'
import type { Logger } from '../logging/create-logger.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import { parseCron } from './cron.ts'
import { createJobMetrics } from './job-metrics.ts'
import { JobRunner, type JobRunnerSettings } from './job-runner.ts'
import { JobSql } from './job-sql.ts'
import { JobStore } from './job-store.ts'
import type { EnqueueOptions, EnqueuedJob, JobDefinitionOptions, JobHandler, ScheduleOptions } from './job-types.ts'

export const jobNameSchema = z.string().regex(/^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/, 'lowercase letters, digits, "-" and "." (e.g. "send-reminder")').max(100)
const dedupeKeySchema = z.string().min(1).max(200)
/** Largest payload, as JSON. */
export const maxPayloadBytes = 256 * 1024

const defineOptionsSchema = z
  .object({
    concurrency: z.number().int().min(1).max(1000).optional(),
    retries: z.number().int().min(0).max(100).optional(),
    backoff: z
      .union([
        z.custom<(attempt: number) => number>((value) => typeof value === 'function', 'a function or { baseMs, maxMs }'),
        z.object({ baseMs: z.number().int().min(0).max(86_400_000).optional(), maxMs: z.number().int().min(0).max(30 * 86_400_000).optional() }).strict(),
      ])
      .optional(),
  })
  .strict()

const enqueueOptionsSchema = z
  .object({
    runAt: z.union([z.date(), z.number().finite()]).optional(),
    delayMs: z.number().finite().min(0).optional(),
    dedupeKey: dedupeKeySchema.optional(),
    maxAttempts: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .refine((options) => options.runAt === undefined || options.delayMs === undefined, { message: 'give runAt or delayMs, not both', path: ['delayMs'] })

const scheduleOptionsSchema = z.object({ key: dedupeKeySchema, timezone: z.string().min(1).max(64).optional() }).strict()

const defaultRetries = 3

/** The kernel's jobs: the store, the runner, and the checks `plugin.jobs` makes on a plugin's input. */
export class JobService {
  readonly store: JobStore
  readonly runner: JobRunner
  private readonly removeSettler: (() => void) | undefined

  constructor(orm: MikroORM, platform: DatabasePlatform, private readonly clock: Clock, settings: JobRunnerSettings, logger: Logger, registry?: Registry) {
    this.store = new JobStore(orm, clock)
    const metrics = createJobMetrics(registry)
    this.runner = new JobRunner(orm, new JobSql(orm, platform), clock, settings, logger, metrics, clock instanceof ManualClock ? clock : undefined)
    // Tests that move time see the jobs that came due run before `advance` returns.
    this.removeSettler = clock instanceof ManualClock ? clock.addSettler(() => this.runner.idle()) : undefined
  }

  /** This node's id, as jobs' `leaseOwner` shows it. */
  get nodeId(): string {
    return this.runner.nodeId
  }

  start(): void {
    this.runner.start()
  }

  /** Resolves when no job is being claimed, run or recorded on this node. */
  idle(): Promise<void> {
    return this.runner.idle()
  }

  async stop(timeoutMs: number): Promise<boolean> {
    this.removeSettler?.()
    return this.runner.stop(timeoutMs)
  }

  define(pluginId: string, name: string, handler: JobHandler, options: JobDefinitionOptions = {}): () => void {
    checkName(pluginId, name)
    if (typeof handler !== 'function') throw new PluginError('JOB_DEFINITION_INVALID', pluginId, `jobs.define("${name}") needs a handler function`, { field: 'handler' })
    const parsed = parse(pluginId, 'JOB_DEFINITION_INVALID', `jobs.define("${name}")`, defineOptionsSchema, options)
    if (this.runner.definition(pluginId, name)) throw new PluginError('JOB_ALREADY_DEFINED', pluginId, `job "${name}" is defined twice`, { name })
    return this.runner.define({
      pluginId,
      name,
      handler,
      concurrency: parsed.concurrency ?? 1,
      maxAttempts: (parsed.retries ?? defaultRetries) + 1,
      backoff: options.backoff,
    })
  }

  async enqueue(pluginId: string, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<EnqueuedJob> {
    const definition = this.requireDefined(pluginId, name)
    const parsed = parse(pluginId, 'JOB_ENQUEUE_INVALID', `jobs.enqueue("${name}")`, enqueueOptionsSchema, options)
    const now = this.clock.now()
    const runAt = parsed.runAt !== undefined ? Number(parsed.runAt) : now + (parsed.delayMs ?? 0)
    const { record, created } = await this.store.enqueue({
      pluginId, name, payload: serialize(pluginId, name, payload), runAt, maxAttempts: parsed.maxAttempts ?? definition.maxAttempts, dedupeKey: parsed.dedupeKey ?? null,
    })
    if (created) this.runner.wake(record.runAt)
    return { id: record.id, created, runAt: record.runAt }
  }

  async schedule(pluginId: string, name: string, cron: string, payload: unknown, options: ScheduleOptions): Promise<EnqueuedJob> {
    const definition = this.requireDefined(pluginId, name)
    const parsed = parse(pluginId, 'JOB_SCHEDULE_INVALID', `jobs.schedule("${name}")`, scheduleOptionsSchema, options)
    if (typeof cron !== 'string') throw new PluginError('JOB_CRON_INVALID', pluginId, `jobs.schedule("${name}") needs a cron expression string`, { field: 'cron' })
    const schedule = parseCron(pluginId, cron, parsed.timezone ?? null)
    const firstRunAt = schedule.nextAfter(this.clock.now())
    if (firstRunAt === null) throw new PluginError('JOB_CRON_INVALID', pluginId, `cron expression "${cron}" never falls due`, { field: 'cron' })
    const { record, created } = await this.store.schedule(
      { pluginId, name, payload: serialize(pluginId, name, payload), maxAttempts: definition.maxAttempts, key: parsed.key },
      schedule,
      firstRunAt,
    )
    this.runner.wake(record.runAt)
    return { id: record.id, created, runAt: record.runAt }
  }

  async cancel(pluginId: string, key: string): Promise<number> {
    const parsed = dedupeKeySchema.safeParse(key)
    if (!parsed.success) throw new PluginError('JOB_CANCEL_INVALID', pluginId, 'jobs.cancel(key) needs a key of 1-200 characters', { field: 'key' })
    return this.store.cancelByKey(pluginId, parsed.data)
  }

  private requireDefined(pluginId: string, name: string) {
    const definition = this.runner.definition(pluginId, name)
    if (!definition) {
      throw new PluginError('JOB_NOT_DEFINED', pluginId, `job "${name}" is not defined: call plugin.jobs.define("${name}", handler) in register()`, { name })
    }
    return definition
  }
}

function checkName(pluginId: string, name: string): void {
  if (!jobNameSchema.safeParse(name).success) {
    throw new PluginError('JOB_DEFINITION_INVALID', pluginId, `job name ${JSON.stringify(name)} must be lowercase letters, digits, "-" and "." (at most 100)`, { field: 'name' })
  }
}

function parse<T>(pluginId: string, code: string, call: string, schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input ?? {}, { reportInput: true })
  if (parsed.success) return parsed.data
  const issues = toFieldIssues(parsed.error.issues, 'options')
  throw new PluginError(code, pluginId, `${call} got invalid options: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`, issues.map((issue) => ({ ...issue })))
}

function serialize(pluginId: string, name: string, payload: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(payload ?? null)
  } catch (error) {
    throw new PluginError('JOB_PAYLOAD_INVALID', pluginId, `the payload of job "${name}" is not JSON: ${(error as Error).message}`, { field: 'payload' })
  }
  if (text === undefined) throw new PluginError('JOB_PAYLOAD_INVALID', pluginId, `the payload of job "${name}" is not JSON`, { field: 'payload' })
  if (Buffer.byteLength(text) > maxPayloadBytes) {
    throw new PluginError('JOB_PAYLOAD_INVALID', pluginId, `the payload of job "${name}" is over ${maxPayloadBytes / 1024} KiB as JSON: store large data elsewhere and pass its id`, { field: 'payload' })
  }
  return text
}
