import type { SchemaField } from './schema-model.ts'

type FormatNumber = (value: number) => string

/** A value as a placeholder or a read-only text: what applies when the field is left empty. */
export function displayValue(value: unknown, formatNumber: FormatNumber): string {
  if (value === undefined || value === null || value === '') return ''
  if (typeof value === 'number') return formatNumber(value)
  if (Array.isArray(value)) return value.map((item) => displayValue(item, formatNumber)).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** The accepted range of a number setting, for its help line: `{ key: 'between', min, max }`. */
export function rangeOf(field: SchemaField): { key: 'between' | 'atLeast' | 'atMost'; min?: number; max?: number } | null {
  if (field.kind !== 'number') return null
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = field.schema
  // Exclusive bounds of integers read better as the inclusive bound next to them.
  const step = field.integer ? 1 : 0
  const min = minimum ?? (exclusiveMinimum !== undefined && step ? exclusiveMinimum + step : undefined)
  const max = maximum ?? (exclusiveMaximum !== undefined && step ? exclusiveMaximum - step : undefined)
  if (min !== undefined && max !== undefined) return { key: 'between', min, max }
  if (min !== undefined) return { key: 'atLeast', min }
  if (max !== undefined) return { key: 'atMost', max }
  return null
}
