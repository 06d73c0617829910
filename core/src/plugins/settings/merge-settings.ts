/**
 * Merges settings layers, later ones winning: plain objects merge key by key at every depth,
 * anything else (arrays, strings, numbers, null) replaces what was there. Defaults come on top of
 * the result from the configSchema when it is validated, so the order is defaults <- global <- session.
 */
export function mergeSettings(...layers: Array<Record<string, unknown> | undefined>): Record<string, unknown> {
  let merged: Record<string, unknown> = {}
  for (const layer of layers) if (layer) merged = mergeTwo(merged, layer)
  return merged
}

function mergeTwo(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const current = result[key]
    result[key] = isPlainObject(current) && isPlainObject(value) ? mergeTwo(current, value) : value
  }
  return result
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}
