import { leafFields, schemaFields, type JsonSchema, type SchemaField } from './schema-model.ts'

export type SchemaValues = Record<string, unknown>

export function getAt(values: SchemaValues | null | undefined, path: string): unknown {
  let node: unknown = values
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined
    node = (node as SchemaValues)[part]
  }
  return node
}

/** A copy of `values` with `path` set, or removed when `value` is undefined (empty groups go too). */
export function setAt(values: SchemaValues, path: string, value: unknown): SchemaValues {
  const [head, ...rest] = path.split('.') as [string, ...string[]]
  const copy = { ...values }
  if (rest.length === 0) {
    if (value === undefined) delete copy[head]
    else copy[head] = value
    return copy
  }
  const child = copy[head]
  const next = setAt(child && typeof child === 'object' && !Array.isArray(child) ? (child as SchemaValues) : {}, rest.join('.'), value)
  if (Object.keys(next).length === 0) delete copy[head]
  else copy[head] = next
  return copy
}

/** Left empty: the setting is not set here, so the inherited value (or the default) applies. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

/** What to send: the values that are set, empty strings, lists and groups left out. */
export function cleanValues(schema: JsonSchema | null | undefined, values: SchemaValues): SchemaValues {
  let clean: SchemaValues = { ...values }
  for (const field of leafFields(schemaFields(schema))) {
    if (isUnset(getAt(clean, field.path))) clean = setAt(clean, field.path, undefined)
  }
  return clean
}

/** A problem the form found in one field: a message key of `schemaForm.errors` and its values. */
export interface SchemaIssue {
  path: string
  key: string
  params?: Record<string, unknown>
}

// Browsers and the server (ajv-formats) agree on these well enough for a first check.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const urlPattern = /^[a-z][a-z\d+.-]*:\/\/\S+$/i

function textIssue(field: SchemaField, text: string): Omit<SchemaIssue, 'path'> | null {
  const { minLength, maxLength, pattern, format } = field.schema
  const length = [...text].length
  if (minLength !== undefined && length < minLength) return { key: 'minLength', params: { min: minLength } }
  if (maxLength !== undefined && length > maxLength) return { key: 'maxLength', params: { max: maxLength } }
  if (format === 'email' && !emailPattern.test(text)) return { key: 'email' }
  if ((format === 'uri' || format === 'url') && !urlPattern.test(text)) return { key: 'url' }
  if (pattern) {
    try {
      if (!new RegExp(pattern, 'u').test(text)) return { key: 'pattern' }
    } catch {
      // A pattern this browser cannot compile is left to the server.
    }
  }
  return null
}

function numberIssue(field: SchemaField, value: number): Omit<SchemaIssue, 'path'> | null {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = field.schema
  if (field.integer && !Number.isInteger(value)) return { key: 'integer' }
  if (minimum !== undefined && value < minimum) return { key: 'minimum', params: { min: minimum } }
  if (maximum !== undefined && value > maximum) return { key: 'maximum', params: { max: maximum } }
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) return { key: 'exclusiveMinimum', params: { min: exclusiveMinimum } }
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) return { key: 'exclusiveMaximum', params: { max: exclusiveMaximum } }
  return null
}

function listIssue(field: SchemaField, list: unknown[]): Omit<SchemaIssue, 'path'> | null {
  const { minItems, maxItems, uniqueItems } = field.schema
  if (minItems !== undefined && list.length < minItems) return { key: 'minItems', params: { min: minItems } }
  if (maxItems !== undefined && list.length > maxItems) return { key: 'maxItems', params: { max: maxItems } }
  if (uniqueItems && new Set(list).size !== list.length) return { key: 'uniqueItems' }
  const itemField = { ...field, schema: field.schema.items ?? {} }
  for (const item of list) {
    const issue = typeof item === 'string' ? textIssue(itemField, item) : null
    if (issue) return { key: 'item', params: { item, problem: issue.key, ...issue.params } }
  }
  return null
}

function fieldIssue(field: SchemaField, value: unknown): Omit<SchemaIssue, 'path'> | null {
  if (typeof value === 'string' && (field.kind === 'text' || field.kind === 'textarea' || field.kind === 'secret')) return textIssue(field, value)
  if (typeof value === 'number' && field.kind === 'number') return numberIssue(field, value)
  if (Array.isArray(value)) return listIssue(field, value)
  return null
}

/**
 * Checks the values against the schema before they are sent, so most mistakes are shown at once
 * and in the reader's language; the server checks again and has the last word. A required setting
 * left empty is fine when an inherited value or a default fills it in.
 */
export function validateValues(schema: JsonSchema | null | undefined, values: SchemaValues, inherited: SchemaValues = {}): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  const visit = (fields: SchemaField[]): void => {
    for (const field of fields) {
      const value = getAt(values, field.path)
      const unset = isUnset(value) || (field.kind === 'group' && Object.keys(value as SchemaValues).length === 0)
      const filledElsewhere = !isUnset(getAt(inherited, field.path)) || field.schema.default !== undefined
      if (field.kind === 'group') {
        // The members of an optional group left out entirely are not asked for.
        if (!unset || field.required) visit(field.children)
        continue
      }
      if (unset) {
        if (field.required && !filledElsewhere) issues.push({ path: field.path, key: 'required' })
        continue
      }
      const issue = fieldIssue(field, value)
      if (issue) issues.push({ path: field.path, ...issue })
    }
  }
  visit(schemaFields(schema))
  return issues
}
