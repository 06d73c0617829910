/**
 * Typed readers for whatsapp-web.js objects. Its typings are loose (and `_data` is WhatsApp Web's own,
 * undocumented model), so the driver reads fields through these instead of trusting declared types.
 */

export type LooseRecord = Record<string, unknown>

export function isRecord(value: unknown): value is LooseRecord {
  return typeof value === 'object' && value !== null
}

export function record(value: unknown): LooseRecord {
  return isRecord(value) ? value : {}
}

/** A non-empty string, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

/** A finite number (numeric strings included, as WhatsApp sends some coordinates as strings), or null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : null
  }
  return null
}

/** WhatsApp ids come either serialized (`123@c.us`) or as `{ _serialized, user, server }` objects. */
export function serializedId(value: unknown): string | null {
  if (typeof value === 'string') return str(value)
  if (isRecord(value)) return str(value._serialized)
  return null
}
