import type { AckName } from '../api/types.ts'

const names: Record<number, AckName> = { [-1]: 'error', 0: 'pending', 1: 'server', 2: 'device', 3: 'read', 4: 'played' }

/** The name of a whatsapp-web.js ACK level (-1 error … 4 played); unknown levels read as pending. */
export function ackNameOf(ack: number): AckName {
  return names[ack] ?? 'pending'
}

/**
 * Whether `next` moves a message forward from `current`: the kernel's rule, so the panel never shows
 * an ACK going back when events arrive late or twice. An error is accepted only while nothing beyond
 * "server" was confirmed, and a failed message stays failed.
 */
export function isAckProgress(current: number, next: number): boolean {
  if (current === -1) return false
  if (next === -1) return current <= 1
  return next > current
}
