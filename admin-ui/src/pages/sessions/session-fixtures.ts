import type { Session, SessionDetail } from '../../api/types.ts'

/** A session as the API answers it, for component tests. */
export function sessionRow(overrides: Partial<Session> = {}): Session {
  return {
    clientId: 'shop',
    name: 'Shop',
    driver: 'sandbox',
    status: 'ready',
    desiredState: 'running',
    phone: '15550118667',
    lastError: null,
    createdAt: '2026-11-20T08:00:00.000Z',
    startedAt: '2026-11-25T08:00:00.000Z',
    readyAt: '2026-11-25T08:00:00.000Z',
    uptimeSeconds: 3600,
    reconnects: 0,
    nextRetryAt: null,
    qrPending: false,
    governor: null,
    ...overrides,
  }
}

export function sessionDetail(overrides: Partial<Session> = {}, stats: Partial<SessionDetail['stats']> = {}): SessionDetail {
  return { ...sessionRow(overrides), stats: { messages: { sent: 12, received: 30, failed: 1 }, browser: null, ...stats } }
}
