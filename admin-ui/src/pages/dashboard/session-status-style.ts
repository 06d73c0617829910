import type { SessionStatus } from '../../api/types.ts'

/** Statuses in the order the dashboard lists them: working first, then on the way, then in trouble. */
export const statusOrder: readonly SessionStatus[] = ['ready', 'starting', 'authenticated', 'qr', 'disconnected', 'failed', 'stopped']

/** One colour per status, the same wherever a status is drawn on the dashboard. */
export const statusColor: Record<SessionStatus, string> = {
  ready: '#16a34a',
  starting: '#0ea5e9',
  authenticated: '#6366f1',
  qr: '#f59e0b',
  disconnected: '#f97316',
  failed: '#dc2626',
  stopped: '#94a3b8',
}
