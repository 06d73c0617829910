/** The part of JSON Schema a settings form reads (plugin `configSchema`s are JSON Schema 2020-12). */
export interface JsonSchema {
  type?: string | string[]
  title?: string
  description?: string
  default?: unknown
  enum?: unknown[]
  const?: unknown
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  writeOnly?: boolean
  readOnly?: boolean
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: string[]
  [keyword: string]: unknown
}

/**
 * How a setting is edited. `unsupported` covers what a form cannot edit sensibly (arrays of
 * objects, objects nested two levels deep, unions): shown, kept as it is, changed through the API.
 */
export type SchemaFieldKind = 'text' | 'textarea' | 'secret' | 'select' | 'number' | 'boolean' | 'string-list' | 'multi-select' | 'group' | 'unsupported'

export interface SchemaOption {
  value: string | number
  label: string
}

export interface SchemaField {
  /** The property name. */
  key: string
  /** Dotted path from the form's root: `retry.maxAttempts`. */
  path: string
  kind: SchemaFieldKind
  label: string
  description: string | undefined
  required: boolean
  schema: JsonSchema
  /** Enum choices, for `select` and `multi-select`. */
  options: SchemaOption[]
  /** `text` inputs: the HTML input type that fits the format. */
  inputType: 'text' | 'email' | 'url'
  integer: boolean
  /** The settings of a `group`. */
  children: SchemaField[]
}

/** Strings longer than this are edited in a text area. */
const textareaFrom = 200

/** The type a property is edited as: `["integer", "null"]` is an integer that may be left out. */
export function primaryType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null')
  if (schema.type) return schema.type
  if (schema.enum?.length) return typeof schema.enum[0] === 'number' ? 'number' : 'string'
  if (schema.properties) return 'object'
  return undefined
}

/** `maxPerHour` → "Max per hour", `ignore_groups` → "Ignore groups": for schemas without a title. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
  return words.map((word, index) => (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : /^[A-Z\d]{2,}$/.test(word) ? word : word.toLowerCase())).join(' ')
}

function optionsOf(values: unknown[] | undefined): SchemaOption[] {
  return (values ?? []).filter((value): value is string | number => typeof value === 'string' || typeof value === 'number').map((value) => ({ value, label: String(value) }))
}

function kindOf(schema: JsonSchema, depth: number): SchemaFieldKind {
  if (schema.anyOf || schema.oneOf || schema.allOf) return 'unsupported'
  const type = primaryType(schema)
  // A server-kept secret is never sent to the panel: a password box for strings, nothing to show otherwise.
  if (schema.writeOnly === true || schema['x-secret'] === true) return type === 'string' ? 'secret' : 'unsupported'
  switch (type) {
    case 'string':
      if (schema.enum?.length) return 'select'
      if (schema.writeOnly || schema.format === 'password') return 'secret'
      return (schema.maxLength ?? 0) > textareaFrom || schema.format === 'textarea' ? 'textarea' : 'text'
    case 'integer':
    case 'number':
      return schema.enum?.length ? 'select' : 'number'
    case 'boolean':
      return 'boolean'
    case 'array': {
      const items = schema.items ?? {}
      if (primaryType(items) !== 'string') return 'unsupported'
      return items.enum?.length ? 'multi-select' : 'string-list'
    }
    case 'object':
      // One level of nesting reads well in a form; deeper settings are better edited as data.
      return depth === 0 && schema.properties ? 'group' : 'unsupported'
    default:
      return 'unsupported'
  }
}

/** The fields of an object schema, in the order the schema declares its properties. */
export function schemaFields(schema: JsonSchema | null | undefined, parentPath = '', depth = 0): SchemaField[] {
  const properties = schema?.properties ?? {}
  const required = new Set(schema?.required ?? [])
  return Object.entries(properties).map(([key, property]) => {
    const path = parentPath ? `${parentPath}.${key}` : key
    const kind = kindOf(property, depth)
    return {
      key,
      path,
      kind,
      label: property.title ?? humanize(key),
      description: property.description,
      required: required.has(key),
      schema: property,
      options: kind === 'multi-select' ? optionsOf(property.items?.enum) : optionsOf(property.enum),
      inputType: property.format === 'email' ? 'email' : property.format === 'uri' || property.format === 'url' ? 'url' : 'text',
      integer: primaryType(property) === 'integer',
      children: kind === 'group' ? schemaFields(property, path, depth + 1) : [],
    }
  })
}

/** Every field that holds a value (group members, not the groups themselves). */
export function leafFields(fields: SchemaField[]): SchemaField[] {
  return fields.flatMap((field) => (field.kind === 'group' ? leafFields(field.children) : [field]))
}

/** The schema has settings a form can show. */
export function hasSettings(schema: JsonSchema | null | undefined): boolean {
  return schemaFields(schema).length > 0
}
