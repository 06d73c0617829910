/** `type/subtype` without parameters, lowercased; null when it is not a MIME type. */
export function normalizeType(type: string): string | null {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? ''
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(bare) ? bare : null
}

/** Whether `type` matches one of the patterns (`image/png`, `image/*`, `*\/*`). */
export function typeAllowed(type: string, patterns: readonly string[]): boolean {
  const [major] = type.split('/')
  return patterns.some((pattern) => pattern === '*/*' || pattern === type || (pattern.endsWith('/*') && pattern.slice(0, -2) === major))
}
