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
