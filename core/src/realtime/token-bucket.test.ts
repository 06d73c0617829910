import { describe, expect, it } from 'vitest'
import { TokenBuckets } from './token-bucket.ts'

describe('TokenBuckets', () => {
  it('allows a burst, then the sustained rate, per key', () => {
    const buckets = new TokenBuckets(20, 40)
    const results = Array.from({ length: 50 }, () => buckets.take('a', 0))
    expect(results.filter(Boolean)).toHaveLength(40)
    expect(buckets.take('b', 0)).toBe(true)
    // Half a second refills ten tokens at 20 per second.
    const later = Array.from({ length: 15 }, () => buckets.take('a', 500))
    expect(later.filter(Boolean)).toHaveLength(10)
  })

  it('never holds more than the burst, however long a key was idle', () => {
    const buckets = new TokenBuckets(20, 40)
    buckets.take('a', 0)
    const results = Array.from({ length: 60 }, () => buckets.take('a', 3_600_000))
    expect(results.filter(Boolean)).toHaveLength(40)
    buckets.forget('a')
    expect(buckets.size).toBe(0)
  })
})
