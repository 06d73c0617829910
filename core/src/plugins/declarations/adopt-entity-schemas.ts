import { EntitySchema } from '@mikro-orm/core'

/** What an EntitySchema made by another copy of @mikro-orm/core looks like from here. */
interface ForeignEntitySchema {
  meta: Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> }
}

/** Fields of EntityMetadata the foreign copy derived or owns; the kernel's EntitySchema derives its own. */
const derivedFields = new Set(['_id', 'propertyOrder', 'root', 'props', 'relations', 'primaryKeys', 'referencingProperties', 'concurrencyCheckKeys', 'className'])

/**
 * An EntitySchema from a plugin's own copy of @mikro-orm/core (what `npm install @mikro-orm/core`
 * in the plugin folder gives) is not an instance of the kernel's class, and MikroORM's discovery
 * then fails for everyone. Such a schema is re-created from its options with the kernel's class;
 * relations pointing at the plugin's other foreign schemas are pointed at their re-created twins.
 */
export function isForeignEntitySchema(value: unknown): value is ForeignEntitySchema {
  if (typeof value !== 'object' || value === null || value instanceof EntitySchema) return false
  const meta = (value as { meta?: unknown }).meta
  return (value as object).constructor?.name === 'EntitySchema' && typeof meta === 'object' && meta !== null && typeof (meta as { properties?: unknown }).properties === 'object'
}

export function adoptEntitySchemas(entities: readonly unknown[]): unknown[] {
  const twins = new Map<unknown, EntitySchema>()
  const twin = (value: unknown) => twins.get(value) ?? value
  for (const entity of entities) {
    if (!isForeignEntitySchema(entity)) continue
    const options: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(entity.meta)) if (!derivedFields.has(key)) options[key] = value
    const properties: Record<string, Record<string, unknown>> = {}
    for (const [name, property] of Object.entries(entity.meta.properties ?? {})) {
      const copy = { ...property }
      if (typeof copy.entity === 'function') {
        const target = copy.entity as () => unknown
        copy.entity = () => twin(target())
      }
      // A relation typed with the schema itself: MikroORM also accepts the entity's name.
      if (isForeignEntitySchema(copy.type)) copy.type = copy.type.meta.className ?? copy.type.meta.name
      properties[name] = copy
    }
    options.properties = properties
    twins.set(entity, new EntitySchema(options as unknown as ConstructorParameters<typeof EntitySchema>[0]))
  }
  return entities.map(twin)
}
