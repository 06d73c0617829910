import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signHandshake, verifySignedHandshake } from './signed-handshake.ts'

const secret = 'the-customer-backend-secret'
const now = 1_800_000_000_000

function codeOf(run: () => void): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

describe('signed handshakes', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<token>"', () => {
    expect(signHandshake(secret, 'tok', 1_800_000_000)).toBe(createHmac('sha256', secret).update('1800000000.tok').digest('hex'))
  })

  it('accepts a fresh signature, as a number or as digits', () => {
    const timestamp = now / 1000
    const signature = signHandshake(secret, 'tok', timestamp)
    expect(codeOf(() => verifySignedHandshake({ token: 'tok', timestamp, signature }, secret, 300, now))).toBeUndefined()
    expect(codeOf(() => verifySignedHandshake({ token: 'tok', timestamp: String(timestamp), signature: signature.toUpperCase() }, secret, 300, now))).toBeUndefined()
  })

  it('refuses what is missing, wrong or outside the window', () => {
    const timestamp = now / 1000
    const check = (input: { token: string; timestamp: unknown; signature: unknown }, windowSeconds = 300) => codeOf(() => verifySignedHandshake(input, secret, windowSeconds, now))
    expect(check({ token: 'tok', timestamp: undefined, signature: 'ab' })).toBe('SIGNATURE_REQUIRED')
    expect(check({ token: 'tok', timestamp: 'yesterday', signature: 'ab' })).toBe('SIGNATURE_REQUIRED')
    expect(check({ token: 'tok', timestamp, signature: undefined })).toBe('SIGNATURE_REQUIRED')
    expect(check({ token: 'tok', timestamp, signature: 'not hex' })).toBe('SIGNATURE_INVALID')
    expect(check({ token: 'other', timestamp, signature: signHandshake(secret, 'tok', timestamp) })).toBe('SIGNATURE_INVALID')
    expect(check({ token: 'tok', timestamp: timestamp + 1, signature: signHandshake(secret, 'tok', timestamp) })).toBe('SIGNATURE_INVALID')
    const future = timestamp + 301
    expect(check({ token: 'tok', timestamp: future, signature: signHandshake(secret, 'tok', future) })).toBe('SIGNATURE_EXPIRED')
    const edge = timestamp - 300
    expect(check({ token: 'tok', timestamp: edge, signature: signHandshake(secret, 'tok', edge) })).toBeUndefined()
  })
})
