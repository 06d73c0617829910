import type { EntitySchema } from '@mikro-orm/core'
import type { MigrationDefinition } from '../db/migration.ts'
import type { PluginContext } from './plugin-context.ts'
import type { SessionDataDeclaration } from './session-data.ts'

/**
 * What a plugin's server entry default-exports. `register` declares (routes, bus handlers) and
 * does no I/O; `start` runs once the database is migrated and every plugin is registered; `stop`
 * is rarely needed because every registration is disposed by the kernel.
 */
export interface PluginDefinition<Config extends object = Record<string, unknown>> {
  /** MikroORM entity schemas; table names must start with the plugin id (dashes as underscores) and `_`. */
  entities?: EntitySchema[]
  /** Schema changes for those tables, oldest first; names never change once released. */
  migrations?: MigrationDefinition[]
  /** Tables of the plugin keyed by a session, and whether their rows go when that session is deleted (docs/plugin-api/lifecycle.md). */
  sessionData?: SessionDataDeclaration[]
  register(plugin: PluginContext<Config>): void | Promise<void>
  start?(plugin: PluginContext<Config>): void | Promise<void>
  stop?(plugin: PluginContext<Config>): void | Promise<void>
}

/** Identity helper that only adds types. Plain-JavaScript plugins may export the object directly. */
export function definePlugin<Config extends object = Record<string, unknown>>(definition: PluginDefinition<Config>): PluginDefinition<Config> {
  return definition
}

export function isPluginDefinition(value: unknown): value is PluginDefinition {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return (
    typeof candidate.register === 'function' &&
    (candidate.start === undefined || typeof candidate.start === 'function') &&
    (candidate.stop === undefined || typeof candidate.stop === 'function') &&
    (candidate.entities === undefined || Array.isArray(candidate.entities)) &&
    (candidate.migrations === undefined || Array.isArray(candidate.migrations))
  )
}
