import { randomBytes } from 'node:crypto'

let lastMs = 0
let counter = 0

/**
 * A time-ordered id (milliseconds, a per-process counter, then randomness), so ordering by id is
 * ordering by creation within a node and roughly across nodes; also the listing cursor.
 */
export function timeOrderedId(prefix: string): string {
  const now = Date.now()
  counter = now === lastMs ? counter + 1 : 0
  lastMs = now
  return `${prefix}${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${randomBytes(5).toString('hex')}`
}

/** A signing secret, shown once. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}
