import type { AckName } from '../bus/core-events.ts'

const names: Record<number, AckName> = { [-1]: 'error', 0: 'pending', 1: 'server', 2: 'device', 3: 'read', 4: 'played' }

export function ackName(ack: number): AckName {
  return names[ack] ?? 'pending'
}

/**
 * ACKs only move forward. An error (-1) is accepted only while nothing beyond "server" was
 * confirmed, and a message in error stays there: a late "server" must not hide a failure.
 */
export function isAckProgress(current: number, next: number): boolean {
  if (current === -1) return false
  if (next === -1) return current <= 1
  return next > current
}

/** The stored ACK values `next` moves a message forward from, as a query filter: the rule above, in SQL. */
export function ackProgressFrom(next: number): { $gte: number; $lt: number } | { $gte: number; $lte: number } {
  return next === -1 ? { $gte: 0, $lte: 1 } : { $gte: 0, $lt: next }
}
