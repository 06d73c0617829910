import { describe, expect, it } from 'vitest'
import { backoffMs, retryAfterMs } from './backoff.ts'

describe('backoff', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect(backoffMs(1, 100, 10_000, () => 0.999)).toBe(99)
    expect(backoffMs(4, 100, 10_000, () => 0.999)).toBe(799)
    expect(backoffMs(30, 100, 10_000, () => 0.5)).toBe(5000)
    expect(backoffMs(3, 100, 10_000, () => 0)).toBe(0)
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000)
    expect(retryAfterMs('soon', 0)).toBeUndefined()
    expect(retryAfterMs(null, 0)).toBeUndefined()
  })
})
