import type { SessionStatus } from '../bus/core-events.ts'
import type { DriverKind, SessionDriver } from './drivers/driver-contract.ts'

/** What the manager tracks in memory for a session it runs on this node. */
export interface SessionRuntime {
  clientId: string
  driverKind: DriverKind
  driver: SessionDriver | undefined
  status: SessionStatus
  phone: string | null
  lastError: string | null
  qr: { value: string; receivedAt: Date } | null
  startedAt: Date | null
  readyAt: Date | null
  /** Reconnects since the session was created or last started by hand. */
  reconnects: number
  /** Failed attempts in a row; reset when the session becomes ready. */
  attempt: number
  nextRetryAt: Date | null
  retryTimer: NodeJS.Timeout | undefined
  /** Browser recycles because the RSS ceiling was passed. */
  recycles: number
  /** Driver events of a session are handled one at a time, in order. */
  queue: Promise<void>
  /** Bumped whenever a driver is replaced, so events of an old driver are ignored. */
  generation: number
}

export function newRuntime(clientId: string, driverKind: DriverKind, phone: string | null): SessionRuntime {
  return {
    clientId,
    driverKind,
    driver: undefined,
    status: 'stopped',
    phone,
    lastError: null,
    qr: null,
    startedAt: null,
    readyAt: null,
    reconnects: 0,
    attempt: 0,
    nextRetryAt: null,
    retryTimer: undefined,
    recycles: 0,
    queue: Promise.resolve(),
    generation: 0,
  }
}

/** Exponential backoff with ±20% jitter, capped. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential * (0.8 + Math.random() * 0.4))
}
