import { RequestContext, type MikroORM } from '@mikro-orm/core'
import type { SqlEntityManager } from '@mikro-orm/knex'
import { Counter, type Registry } from 'prom-client'
import type { Disposer } from '../bus/bus-types.ts'
import type { Logger } from '../logging/create-logger.ts'
import { PluginError } from './plugin-error.ts'
import type { PluginRecord } from './plugin-record.ts'
import type { SessionDataDeclaration } from './session-data.ts'

/** What `plugin.onSessionDeleted` handlers receive. */
export interface SessionDeletedInfo {
  sessionId: string
}

export type SessionDeletedHandler = (info: SessionDeletedInfo) => void | Promise<void>

export interface SessionDeletionOptions {
  orm: MikroORM
  /** Every plugin the host knows, in dependency order. */
  plugins: () => readonly PluginRecord[]
  logger: Logger
  registry: Registry
  /** A hook still running after this long is logged, counted and no longer awaited. */
  hookTimeoutMs: number
}

interface Hook {
  pluginId: string
  handler: SessionDeletedHandler
}

/**
 * What the kernel does for plugins when a session is deleted, after its own rows are gone and
 * before `session.deleted` is emitted: each plugin's declared `sessionData` rows are removed (one
 * transaction per plugin), then every `onSessionDeleted` hook runs. Both happen for every plugin,
 * whether or not it is on for that session. One plugin's failure is logged and counted; the
 * others, and the deletion, carry on.
 */
export class SessionDeletion {
  private readonly hooks: Hook[] = []
  /** Declarations whose table and column exist (checked once the database is migrated). */
  private readonly tables = new Map<string, SessionDataDeclaration[]>()
  private readonly failures: Counter<'plugin' | 'step'>
  private readonly steps: Array<(sessionId: string) => void | Promise<void>> = []

  constructor(private readonly options: SessionDeletionOptions) {
    this.failures = new Counter({
      name: 'waqtor_session_deletion_failures_total',
      help: 'Plugin clean-ups that failed when a session was deleted (step: data = declared rows, hook = onSessionDeleted)',
      labelNames: ['plugin', 'step'],
      registers: [options.registry],
    })
  }

  /** Kernel clean-ups of caches and tables outside the session manager (run first, not isolated). */
  addKernelStep(step: (sessionId: string) => void | Promise<void>): void {
    this.steps.push(step)
  }

  addHook(pluginId: string, handler: SessionDeletedHandler): Disposer {
    const hook: Hook = { pluginId, handler }
    this.hooks.push(hook)
    return () => {
      const index = this.hooks.indexOf(hook)
      if (index >= 0) this.hooks.splice(index, 1)
    }
  }

  /**
   * After migrations: a loaded plugin declaring a table or column that does not exist is failed
   * with `PLUGIN_SESSION_DATA_INVALID`; the declarations of the others are kept for deletions.
   */
  async verify(fail: (pluginId: string, error: PluginError) => void): Promise<void> {
    const knex = (this.options.orm.em as SqlEntityManager).getKnex()
    for (const record of this.options.plugins()) {
      const declared = record.definition?.sessionData ?? []
      if (record.status !== 'loaded' || declared.length === 0) continue
      const missing: string[] = []
      for (const [index, declaration] of declared.entries()) {
        if (!(await knex.schema.hasColumn(declaration.table, declaration.column))) missing.push(`sessionData[${index}]`)
      }
      if (missing.length > 0) {
        const issues = missing.map((field) => ({ field, message: 'names a table or column that does not exist after the plugin\'s migrations' }))
        fail(record.id, new PluginError('PLUGIN_SESSION_DATA_INVALID', record.id, `${missing.join(', ')}: no such table or column`, { issues }))
        continue
      }
      this.tables.set(record.id, declared.filter((declaration) => declaration.onSessionDeleted === 'delete'))
    }
  }

  /** Runs every clean-up for a deleted session; never throws for a plugin's failure. */
  async run(sessionId: string): Promise<void> {
    for (const step of this.steps) await step(sessionId)
    // Dependents before their dependencies, as at stop.
    const order = [...this.options.plugins()].reverse()
    for (const record of order) {
      const tables = this.tables.get(record.id) ?? []
      if (tables.length > 0) await this.isolated(record.id, 'data', () => this.deleteRows(tables, sessionId))
    }
    for (const record of order) {
      for (const hook of this.hooks.filter((candidate) => candidate.pluginId === record.id)) {
        // In its own ORM context, like a bus handler, so `plugin.db.em` works in it.
        await this.isolated(record.id, 'hook', () => this.withTimeout(RequestContext.create(this.options.orm.em, async () => hook.handler({ sessionId }))))
      }
    }
  }

  private async deleteRows(tables: SessionDataDeclaration[], sessionId: string): Promise<void> {
    const knex = (this.options.orm.em as SqlEntityManager).getKnex()
    await knex.transaction(async (trx) => {
      for (const { table, column } of tables) await trx(table).where(column, sessionId).delete()
    })
  }

  private async isolated(pluginId: string, step: 'data' | 'hook', work: () => Promise<unknown>): Promise<void> {
    try {
      await work()
    } catch (error) {
      this.failures.inc({ plugin: pluginId, step })
      const what = step === 'data' ? 'removing its declared session rows' : 'its onSessionDeleted hook'
      this.options.logger.error({ err: error, plugin: pluginId, step }, `session deletion: ${what} failed`)
    }
  }

  private async withTimeout(work: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`did not finish within ${this.options.hookTimeoutMs} ms`)), this.options.hookTimeoutMs)
    })
    try {
      await Promise.race([work, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
