import type { EntitySchema } from '@mikro-orm/core'
import type { Middleware } from 'koa'
import compose from 'koa-compose'
import type { NamedMigrations } from '../db/create-orm.ts'
import { NotFoundError } from '../errors/app-error.ts'
import type { WaqtorState } from '../http/api-context.ts'
import type { Logger } from '../logging/create-logger.ts'
import { createPluginContext, pluginBasePath, type PluginRuntime } from './create-plugin-context.ts'
import { loadPlugins, type LoadPluginsInput } from './load-plugins.ts'
import type { PluginContext } from './plugin-context.ts'
import { PluginError } from './plugin-error.ts'
import { failRecord, type PluginRecord } from './plugin-record.ts'
import { rawPluginRoutes } from './plugin-raw-routes.ts'

/**
 * Runs plugins through their lifecycle: load -> register -> start, stop in reverse. A plugin that
 * throws is marked `failed` with its error, its registrations are undone, plugins that depend on it
 * are failed too, and the kernel carries on.
 */
export class PluginHost {
  private records: PluginRecord[] = []
  private readonly contexts = new Map<string, PluginContext>()
  private runtime: PluginRuntime | undefined

  constructor(private readonly logger: Logger) {}

  async load(input: LoadPluginsInput): Promise<void> {
    const { records, problems } = await loadPlugins(input)
    this.records = records
    for (const problem of problems) this.logger.error({ code: problem.code, details: problem.details }, problem.message)
    for (const record of records.filter((candidate) => candidate.status === 'failed')) this.logFailure(record)
  }

  list(): readonly PluginRecord[] {
    return this.records
  }

  get(id: string): PluginRecord | undefined {
    return this.records.find((record) => record.id === id)
  }

  entities(): EntitySchema[] {
    return this.active().flatMap((record) => record.definition?.entities ?? [])
  }

  migrations(): NamedMigrations[] {
    return this.active()
      .filter((record) => (record.definition?.migrations?.length ?? 0) > 0)
      .map((record) => ({ owner: record.id, migrations: record.definition!.migrations! }))
  }

  fail(id: string, error: PluginError): void {
    const record = this.get(id)
    if (!record) return
    failRecord(record, error)
    this.logFailure(record)
    this.failDependents(id)
  }

  /** Fails a plugin from outside its lifecycle steps (an error it let escape) and undoes what it registered. */
  async failRunning(id: string, error: PluginError): Promise<void> {
    const record = this.get(id)
    if (!record || record.status === 'failed' || record.status === 'disabled') return
    failRecord(record, error)
    await this.undo(record)
    this.fail(id, error)
  }

  async registerAll(runtime: PluginRuntime): Promise<void> {
    this.runtime = runtime
    runtime.openApi.addSource(() => rawPluginRoutes(this.records))
    for (const record of this.active()) {
      // A dependency that failed earlier in this loop has failed this record too: skip it.
      if (record.status !== 'loaded') continue
      if (!record.definition) {
        record.status = 'registered'
        continue
      }
      const context = createPluginContext(record, runtime)
      this.contexts.set(record.id, context)
      try {
        await record.definition.register(context)
        record.status = 'registered'
      } catch (error) {
        await this.undo(record)
        this.fail(record.id, ownError(record.id, error) ?? new PluginError('PLUGIN_REGISTER_FAILED', record.id, `register() threw: ${(error as Error).message}`, undefined, error))
      }
    }
  }

  async startAll(): Promise<void> {
    for (const record of this.records.filter((candidate) => candidate.status === 'registered')) {
      if (record.status !== 'registered') continue // failed meanwhile with a dependency
      const context = this.contexts.get(record.id)
      try {
        if (record.definition?.start && context) await record.definition.start(context)
        record.status = 'started'
        this.logger.info({ plugin: record.id, version: record.manifest?.version }, 'plugin started')
      } catch (error) {
        await this.undo(record)
        this.fail(record.id, ownError(record.id, error) ?? new PluginError('PLUGIN_START_FAILED', record.id, `start() threw: ${(error as Error).message}`, undefined, error))
      }
    }
  }

  /** Stops started plugins in reverse dependency order; errors are logged, never thrown. */
  async stopAll(): Promise<void> {
    for (const record of [...this.records].reverse()) {
      if (record.status !== 'started' && record.status !== 'registered') continue
      const context = this.contexts.get(record.id)
      try {
        if (record.definition?.stop && context) await record.definition.stop(context)
      } catch (error) {
        this.logger.error({ err: error, plugin: record.id }, 'plugin stop() threw')
      }
      await this.undo(record)
      record.status = 'stopped'
    }
  }

  /** Serves `/api/plugins/<id>/...` from the plugin's router while the plugin is started. */
  routes(): Middleware<WaqtorState> {
    const compiled = new Map<string, Middleware<WaqtorState>>()
    return async (ctx, next) => {
      const match = /^\/api\/plugins\/([a-z][a-z0-9-]*)(\/|$)/.exec(ctx.path)
      if (!match?.[1]) return next()
      const record = this.get(match[1])
      if (!record || record.status !== 'started' || !record.router) {
        throw new NotFoundError('PLUGIN_NOT_AVAILABLE', `plugin ${match[1]} (not installed or not started)`)
      }
      let middleware = compiled.get(record.id)
      if (!middleware) {
        middleware = compose([record.router.routes(), record.router.allowedMethods()]) as Middleware<WaqtorState>
        compiled.set(record.id, middleware)
      }
      await middleware(ctx, next)
    }
  }

  private active(): PluginRecord[] {
    return this.records.filter((record) => record.status !== 'failed' && record.status !== 'disabled')
  }

  private async undo(record: PluginRecord): Promise<void> {
    const disposers = record.disposers.splice(0).reverse()
    for (const dispose of disposers) {
      try {
        await dispose()
      } catch (error) {
        this.logger.error({ err: error, plugin: record.id }, 'plugin disposer threw')
      }
    }
    this.runtime?.openApi.removeUnder(pluginBasePath(record.id))
  }

  private failDependents(id: string): void {
    for (const record of this.records) {
      if (record.status === 'failed' || record.status === 'disabled' || record.status === 'stopped') continue
      if (Object.hasOwn(record.manifest?.dependencies ?? {}, id)) {
        void this.undo(record)
        this.fail(record.id, new PluginError('PLUGIN_DEPENDENCY_FAILED', record.id, `its dependency "${id}" failed`, { dependency: id }))
      }
    }
  }

  private logFailure(record: PluginRecord): void {
    this.logger.error({ plugin: record.id, code: record.error?.code, details: record.error?.details, err: record.error?.cause }, record.error?.message ?? 'plugin failed')
  }
}

/** A coded kernel refusal about this very plugin (e.g. a missing permission) keeps its own code. */
function ownError(pluginId: string, error: unknown): PluginError | undefined {
  return error instanceof PluginError && error.pluginId === pluginId ? error : undefined
}
