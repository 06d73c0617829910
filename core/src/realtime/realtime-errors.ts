import { AppError } from '../errors/app-error.ts'
import type { AckResult } from './realtime-types.ts'

/**
 * A refusal the client sees: in `connect_error` as `{ message, data: { code } }` during the
 * handshake, or as `{ ok: false, error: { code, message } }` in an ack afterwards.
 */
export class RealtimeError extends Error {
  readonly data: { code: string }

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'RealtimeError'
    this.data = { code }
  }
}

export function refusal(code: string, message: string): AckResult {
  return { ok: false, error: { code, message } }
}

/** What a failed handler tells the client: its own coded message when it is safe to show, a generic one otherwise. */
export function ackForError(error: unknown): AckResult {
  if (error instanceof RealtimeError) return refusal(error.code, error.message)
  if (error instanceof AppError && error.expose) return refusal(error.code, error.message)
  return refusal('INTERNAL_ERROR', 'The request failed on the server')
}
