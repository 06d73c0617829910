import { createHmac, timingSafeEqual } from 'node:crypto'
import { RealtimeError } from './realtime-errors.ts'

/** hex HMAC-SHA256(secret, `${timestamp}.${token}`): what a client's backend computes to sign a handshake. */
export function signHandshake(secret: string, token: string, timestamp: number | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${token}`).digest('hex')
}

export interface SignedHandshakeInput {
  token: string
  timestamp: unknown
  signature: unknown
}

/**
 * Checks `{ timestamp, signature }` of a handshake: the timestamp is Unix seconds within
 * `windowSeconds` of now, and the signature is the HMAC of exactly the timestamp as sent and the token.
 * Throws a coded RealtimeError otherwise.
 */
export function verifySignedHandshake(input: SignedHandshakeInput, secret: string, windowSeconds: number, nowMs = Date.now()): void {
  const { token, timestamp, signature } = input
  const stamp = typeof timestamp === 'number' ? String(timestamp) : timestamp
  if (typeof stamp !== 'string' || !/^\d{1,15}$/.test(stamp) || typeof signature !== 'string' || signature.length === 0) {
    throw new RealtimeError('SIGNATURE_REQUIRED', 'This server requires a signed handshake: auth { token, timestamp (Unix seconds), signature }')
  }
  const expected = Buffer.from(signHandshake(secret, token, stamp), 'hex')
  const given = /^[0-9a-f]+$/i.test(signature) && signature.length % 2 === 0 ? Buffer.from(signature, 'hex') : Buffer.alloc(0)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new RealtimeError('SIGNATURE_INVALID', 'The handshake signature does not match')
  }
  if (Math.abs(nowMs / 1000 - Number(stamp)) > windowSeconds) {
    throw new RealtimeError('SIGNATURE_EXPIRED', `The handshake timestamp is more than ${windowSeconds} s away from the server's clock`)
  }
}
