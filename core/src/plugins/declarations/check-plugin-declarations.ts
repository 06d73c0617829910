import { EntitySchema } from '@mikro-orm/core'
import type { PluginDefinition } from '../define-plugin.ts'
import { PluginError } from '../plugin-error.ts'
import { adoptEntitySchemas } from './adopt-entity-schemas.ts'

const ownCopyHint = 'declare entities with the EntitySchema that @waqtor/core exports (import { EntitySchema } from \'@waqtor/core\'), or list @mikro-orm/core as a peerDependency instead of a dependency'

/**
 * Checks what a plugin declares before the kernel hands it to MikroORM, where one bad declaration
 * would stop the whole kernel: entities must be EntitySchema instances (another copy's are
 * re-created with the kernel's class), migrations `{ name, up, down? }` with unique names.
 * Returns the refusal, or undefined with `definition.entities` replaced by kernel schemas.
 */
export function checkPluginDeclarations(pluginId: string, definition: PluginDefinition): PluginError | undefined {
  const entities = adoptEntitySchemas(definition.entities ?? [])
  for (const [index, entity] of entities.entries()) {
    if (entity instanceof EntitySchema) continue
    const what = typeof entity === 'function' ? `a class (${(entity as { name?: string }).name || 'anonymous'})` : entity === null ? 'null' : typeof entity
    return new PluginError('PLUGIN_ENTITY_INVALID', pluginId, `entities[${index}] is ${what}, not an EntitySchema; ${ownCopyHint}`, { field: `entities.${index}` })
  }
  if (definition.entities) definition.entities = entities as EntitySchema[]
  for (const [index, entity] of (entities as EntitySchema[]).entries()) {
    const table = entity.meta.tableName ?? entity.meta.collection
    // A dot would put the table in another schema (or an attached SQLite database); PostgreSQL cuts names beyond 63 bytes.
    if (table !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) {
      return new PluginError('PLUGIN_ENTITY_TABLE_INVALID', pluginId, `entity ${entity.meta.className ?? index} uses table "${table}"; a table name is 1-63 letters, digits and underscores`, { field: `entities.${index}` })
    }
  }

  const names = new Set<string>()
  for (const [index, migration] of (definition.migrations ?? []).entries()) {
    const candidate = migration as unknown as Record<string, unknown> | null
    const field = `migrations.${index}`
    if (typeof candidate !== 'object' || candidate === null) return migrationError(pluginId, field, 'is not an object { name, up, down? }')
    if (typeof candidate.name !== 'string' || !/^[A-Za-z0-9][\w.-]{0,199}$/.test(candidate.name)) {
      return migrationError(pluginId, `${field}.name`, 'must be 1-200 letters, digits, dots, dashes or underscores (e.g. "001-create-notes")')
    }
    if (names.has(candidate.name)) return migrationError(pluginId, `${field}.name`, `"${candidate.name}" is used twice`)
    names.add(candidate.name)
    if (typeof candidate.up !== 'function') return migrationError(pluginId, `${field}.up`, 'must be a function')
    if (candidate.down !== undefined && typeof candidate.down !== 'function') return migrationError(pluginId, `${field}.down`, 'must be a function when given')
  }
  return undefined
}

function migrationError(pluginId: string, field: string, message: string): PluginError {
  return new PluginError('PLUGIN_MIGRATION_INVALID', pluginId, `${field} ${message}`, { field })
}
