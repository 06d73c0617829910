import { MikroORM, type EntitySchema } from '@mikro-orm/core'
import { SqliteDriver } from '@mikro-orm/sqlite'
import { PluginError } from '../plugin-error.ts'

/**
 * Runs MikroORM's entity discovery, without a database, on the entities accepted so far plus one
 * plugin's. A plugin whose entities MikroORM refuses (no primary key, a relation to an unknown
 * entity, a class name already used by the core or another plugin) is refused alone, instead of
 * stopping the kernel when the real database opens.
 */
export async function discoverPluginEntities(pluginId: string, entities: readonly EntitySchema[], accepted: readonly EntitySchema[]): Promise<PluginError | undefined> {
  if (entities.length === 0) return undefined
  const taken = new Set(accepted.map(nameOf))
  for (const [index, entity] of entities.entries()) {
    const name = nameOf(entity)
    if (taken.has(name)) {
      return new PluginError('PLUGIN_ENTITY_NAME_TAKEN', pluginId, `entity ${name} has the name of an entity the kernel or another plugin already has; rename its class (e.g. prefix it with the plugin's name)`, { field: `entities.${index}`, entity: name })
    }
    taken.add(name)
  }
  try {
    const orm = await MikroORM.init({
      driver: SqliteDriver,
      dbName: ':memory:',
      connect: false,
      entities: [...accepted, ...entities],
      discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true, warnWhenNoEntities: false },
      allowGlobalContext: false,
      debug: false,
    })
    await orm.close(true)
    return undefined
  } catch (error) {
    return new PluginError('PLUGIN_ENTITY_INVALID', pluginId, `its entities cannot be used: ${(error as Error).message}`, { field: 'entities' }, error)
  }
}

function nameOf(entity: EntitySchema): string {
  return entity.meta.className ?? entity.name
}
